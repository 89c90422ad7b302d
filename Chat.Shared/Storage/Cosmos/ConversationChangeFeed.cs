using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the Cosmos DB trigger on the <c>chat</c> container hands over: raw changed documents of every type. Keeps the
/// conversation and member documents (the only ones list entries are computed from), applies them through the
/// projection and returns <c>conversationUpdated</c>. A failure propagates: the trigger's function-level retry policy
/// delivers the same batch again, and the projection converges under replays.
/// </summary>
public sealed class ConversationChangeFeed(ConversationListProjector projector)
{
    public Task<IReadOnlyList<RealtimeEvent>> HandleAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var changes = ChangesOf(documents);
        return changes.Count == 0 ? Task.FromResult<IReadOnlyList<RealtimeEvent>>([]) : projector.ApplyAsync(changes, cancellationToken);
    }

    /// <summary>The projection changes a batch of raw documents stands for.</summary>
    public static IReadOnlyList<ProjectionChange> ChangesOf(IReadOnlyList<JsonElement> documents) =>
        documents.Select(d => CosmosDocuments.TypeOf(d) switch
            {
                DocumentTypes.Conversation => new ProjectionChange(CosmosDocuments.Read<ConversationDocument>(d).Id, true, []),
                DocumentTypes.Member when CosmosDocuments.Read<MemberDocument>(d) is var m => new ProjectionChange(m.ConversationId, false, [m.UserId]),
                _ => null,
            })
            .OfType<ProjectionChange>()
            .ToList();
}
