using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Realtime;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the Cosmos DB trigger on the <c>chat</c> container hands over: raw changed documents of every type.
/// Keeps the conversation documents, projects them into the per-user lists and returns <c>conversationUpdated</c>.
/// </summary>
public sealed class ConversationChangeFeed(ConversationListProjector projector)
{
    public Task<IReadOnlyList<RealtimeEvent>> HandleAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var conversations = documents.Where(CosmosDocuments.IsConversation).Select(CosmosDocuments.ToConversation).ToList();
        return conversations.Count == 0
            ? Task.FromResult<IReadOnlyList<RealtimeEvent>>([])
            : projector.ApplyAsync(conversations, cancellationToken);
    }
}
