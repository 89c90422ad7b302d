using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the two profile triggers hand over as raw documents: the <c>users</c> container's changes (profiles, for the
/// profile projection; completed erasures, announced to the app's backend as <c>chat.user.erased</c>) and the
/// <c>chat</c> container's changes (member documents without a profile copy, for the member profile fill). Other
/// documents are ignored. A failure propagates, so the trigger's retry policy runs the batch again (a replayed
/// completion is published again with the same event id).
/// </summary>
public sealed class ProfileChangeFeed(ProfileProjector projector, MemberProfileFill fill, IChatEventPublisher publisher)
{
    public async Task HandleUsersAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var users = ProfilesOf(documents);
        if (users.Count > 0)
        {
            await projector.ApplyAsync(users, cancellationToken);
        }

        var erased = CompletedErasuresOf(documents);
        if (erased.Count > 0)
        {
            await publisher.PublishAsync(erased.Select(ChatEvents.UserErased).ToList(), cancellationToken);
        }
    }

    public Task HandleChatAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var members = MembersToFill(documents);
        return members.Count == 0 ? Task.CompletedTask : fill.ApplyAsync(members, cancellationToken);
    }

    /// <summary>The users whose profile document changed.</summary>
    public static IReadOnlyList<string> ProfilesOf(IReadOnlyList<JsonElement> documents) =>
        documents.Where(d => CosmosDocuments.TypeOf(d) == DocumentTypes.Profile)
            .Select(d => CosmosDocuments.Read<ProfileDocument>(d).UserId)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The erasures in the batch that have completed (a running one is announced when it completes).</summary>
    public static IReadOnlyList<ErasureJob> CompletedErasuresOf(IReadOnlyList<JsonElement> documents) =>
        documents.Where(d => CosmosDocuments.TypeOf(d) == DocumentTypes.Erasure)
            .Select(d => CosmosUserDocuments.ToErasure(CosmosDocuments.Read<ErasureDocument>(d)))
            .Where(job => job.Status == ErasureStatus.Completed)
            .ToList();

    /// <summary>Active member documents that carry no profile copy yet.</summary>
    public static IReadOnlyList<MemberToFill> MembersToFill(IReadOnlyList<JsonElement> documents) =>
        documents.Where(d => CosmosDocuments.TypeOf(d) == DocumentTypes.Member)
            .Select(CosmosDocuments.Read<MemberDocument>)
            .Where(m => m.State == MemberState.Active && m.Profile is null)
            .Select(m => new MemberToFill(m.ConversationId, m.UserId))
            .Distinct()
            .ToList();
}
