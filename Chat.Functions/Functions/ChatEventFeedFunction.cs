using System.Text.Json;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// Events to the app's backend: a second Cosmos DB trigger on the <c>chat</c> container, with leases of its own
/// (prefix <c>events-</c> in the shared lease container), hands every batch to <see cref="EventChangeFeed"/>, which
/// publishes the domain events as CloudEvents to Event Grid and records the messages notifications are about. A batch
/// that fails (Event Grid or Cosmos DB unavailable) throws; the function-level retry policy runs the same batch again,
/// indefinitely with backoff up to 5 minutes, and the lease does not move past it, so nothing is lost (what was
/// published before the failure is published again with the same ids). It starts from the time its leases are first
/// created (not from the beginning of the container): history written before events were switched on is not published.
/// </summary>
public sealed class ChatEventFeedFunction(EventChangeFeed feed, ILogger<ChatEventFeedFunction> logger)
{
    public const string LeasePrefix = "events-";

    [Function(nameof(PublishChatEvents))]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:05:00")]
    public async Task PublishChatEvents(
        [CosmosDBTrigger("%Chat:Cosmos:DatabaseName%", CosmosContainerDefinitions.ChatContainer,
            Connection = "CosmosDb",
            LeaseContainerName = CosmosContainerDefinitions.LeasesContainer,
            LeaseContainerPrefix = LeasePrefix,
            CreateLeaseContainerIfNotExists = false)]
        IReadOnlyList<JsonElement> documents,
        CancellationToken cancellationToken)
    {
        var published = await feed.HandleAsync(documents, cancellationToken);
        logger.LogDebug("Change feed batch of {DocumentCount} documents: {EventCount} events published", documents.Count, published);
    }
}
