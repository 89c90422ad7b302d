using System.Text.Json;
using Chat.Functions.Realtime;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// The change feed of the <c>chat</c> container keeps every member's conversation list, unread count and sync order
/// (user-partitioned) up to date and announces <c>conversationUpdated</c>. A batch the projection cannot apply throws;
/// the function-level retry policy then runs the same batch again (the trigger checkpoints a failed batch otherwise),
/// indefinitely with backoff up to 5 minutes, so no change is dropped; the projection converges under replays.
/// With no lease yet (a new deployment or a fresh local database) it starts from the beginning of the container, so
/// writes made before the trigger first listened are projected too.
/// </summary>
public sealed class ConversationFeedFunction(ConversationChangeFeed feed)
{
    [Function(nameof(ProjectConversations))]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:05:00")]
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public async Task<object[]> ProjectConversations(
        [CosmosDBTrigger("%Chat:Cosmos:DatabaseName%", CosmosContainerDefinitions.ChatContainer,
            Connection = "CosmosDb",
            LeaseContainerName = CosmosContainerDefinitions.LeasesContainer,
            CreateLeaseContainerIfNotExists = false,
            StartFromBeginning = true)]
        IReadOnlyList<JsonElement> documents,
        CancellationToken cancellationToken) =>
        SignalROutputs.From(await feed.HandleAsync(documents, cancellationToken));
}
