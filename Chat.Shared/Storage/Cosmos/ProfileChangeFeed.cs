using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the two profile triggers hand over as raw documents: the <c>users</c> container's changes (profiles, for the
/// profile projection) and the <c>chat</c> container's changes (member documents without a profile copy, for the member
/// profile fill). Other documents are ignored. A failure propagates, so the trigger's retry policy runs the batch again.
/// </summary>
public sealed class ProfileChangeFeed(ProfileProjector projector, MemberProfileFill fill)
{
    public Task HandleUsersAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var users = ProfilesOf(documents);
        return users.Count == 0 ? Task.CompletedTask : projector.ApplyAsync(users, cancellationToken);
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

    /// <summary>Active member documents that carry no profile copy yet.</summary>
    public static IReadOnlyList<MemberToFill> MembersToFill(IReadOnlyList<JsonElement> documents) =>
        documents.Where(d => CosmosDocuments.TypeOf(d) == DocumentTypes.Member)
            .Select(CosmosDocuments.Read<MemberDocument>)
            .Where(m => m.State == MemberState.Active && m.Profile is null)
            .Select(m => new MemberToFill(m.ConversationId, m.UserId))
            .Distinct()
            .ToList();
}
