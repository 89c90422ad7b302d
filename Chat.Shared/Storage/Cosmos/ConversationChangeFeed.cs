using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Realtime;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// What the Cosmos DB trigger on the <c>chat</c> container hands over: raw changed documents of every type.
/// Keeps the conversation documents, projects them into the per-user lists and returns <c>conversationUpdated</c>.
/// The trigger has no function-level retry, so transient store failures are retried here (bounded, with backoff);
/// the projection is idempotent, so a retried or replayed batch converges.
/// </summary>
public sealed class ConversationChangeFeed(ConversationListProjector projector, TimeProvider clock, ILogger<ConversationChangeFeed> logger)
{
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    public async Task<IReadOnlyList<RealtimeEvent>> HandleAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var conversations = documents.Where(CosmosDocuments.IsConversation).Select(CosmosDocuments.ToConversation).ToList();
        if (conversations.Count == 0)
        {
            return [];
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await projector.ApplyAsync(conversations, cancellationToken);
            }
            catch (StoreUnavailableException ex) when (attempt < RetryDelays.Count)
            {
                var delay = ex.RetryAfter is { } retryAfter && retryAfter > RetryDelays[attempt] ? retryAfter : RetryDelays[attempt];
                logger.LogWarning(ex, "Projecting {Count} changed conversations failed; retry {Attempt} in {Delay}", conversations.Count, attempt + 1, delay);
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }
}
