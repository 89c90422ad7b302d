using System.Text.Json;
using Chat.Functions.Realtime;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// The change feed of the <c>chat</c> container keeps every participant's conversation list and unread count
/// (user-partitioned) up to date and announces <c>conversationUpdated</c>. The handler retries transient store
/// failures itself (the Cosmos DB trigger supports no function-level retry policy), and the projection converges
/// under replay and on the conversation's next change.
/// </summary>
public sealed class ConversationFeedFunction(ConversationChangeFeed feed)
{
    [Function(nameof(ProjectConversations))]
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public async Task<SignalRMessageAction[]> ProjectConversations(
        [CosmosDBTrigger("%Chat:Cosmos:DatabaseName%", CosmosContainerDefinitions.ChatContainer,
            Connection = "CosmosDb",
            LeaseContainerName = CosmosContainerDefinitions.LeasesContainer,
            CreateLeaseContainerIfNotExists = false)]
        IReadOnlyList<JsonElement> documents,
        CancellationToken cancellationToken) =>
        SignalROutputs.From(await feed.HandleAsync(documents, cancellationToken));
}
