using System.Net;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// <see cref="IEventStateStore"/> on the <c>events</c> container (partition = id = conversation id): reads with
/// ReadMany, creates with 409 and replaces with IfMatch as the lost-race signals, the due query across partitions.
/// </summary>
public sealed class CosmosEventStateStore(CosmosContainers containers, ILogger<CosmosEventStateStore> logger) : IEventStateStore
{
    private readonly Container _events = containers.Events;

    public Task<IReadOnlyDictionary<string, ConversationEventState>> ReadAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken) =>
        CosmosCalls.RunAsync("readEventStates", logger, async () =>
        {
            var keys = conversationIds.Distinct(StringComparer.Ordinal).Select(id => (id, CosmosCalls.Key(id))).ToList();
            var response = await _events.ReadManyItemsAsync<EventStateDocument>(keys, cancellationToken: cancellationToken);
            IReadOnlyDictionary<string, ConversationEventState> states = response
                .Select(ToState)
                .ToDictionary(s => s.ConversationId, StringComparer.Ordinal);
            return states;
        });

    public Task<ConversationEventState?> TrySaveAsync(ConversationEventState state, CancellationToken cancellationToken) =>
        CosmosCalls.RunAsync("saveEventState", logger, async () =>
        {
            var document = ToDocument(state);
            try
            {
                var response = state.ETag is null
                    ? await _events.CreateItemAsync(document, CosmosCalls.Key(state.ConversationId), CosmosCalls.NoContent(), cancellationToken)
                    : await _events.ReplaceItemAsync(document, document.Id, CosmosCalls.Key(state.ConversationId),
                        new ItemRequestOptions { IfMatchEtag = state.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
                return (ConversationEventState?)(state with { ETag = response.ETag });
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>A cross-partition query on the sweep's timer path only; it reads only states with due notifications.</summary>
    public Task<IReadOnlyList<ConversationEventState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        CosmosCalls.RunAsync("dueNotifications", logger, async () =>
        {
            var query = CosmosQueries.DueNotifications(now.ToUnixTimeMilliseconds(), limit);
            var documents = await CosmosCalls.QueryAcrossPartitionsAsync<EventStateDocument>(_events, query, limit, cancellationToken);
            IReadOnlyList<ConversationEventState> states = documents.Select(ToState).ToList();
            return states;
        });

    public static ConversationEventState ToState(EventStateDocument d) => new()
    {
        ConversationId = d.ConversationId,
        Announced = d.Announced,
        PublishedChange = d.PublishedChange,
        PublishedSequence = d.PublishedSequence,
        PublishedMetadata = d.PublishedMetadata,
        Notifications = new NotificationWindow
        {
            Floor = d.Floor,
            Messages = d.Pending.Where(p => p.Length == 2).Select(p => new PendingMessage(p[0], DateTimeOffset.FromUnixTimeMilliseconds(p[1]))).ToList(),
            Settled = new Dictionary<string, long>(d.Settled, StringComparer.Ordinal),
            DueAt = d.DueAtMs is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null,
        },
        ClaimedUntil = d.ClaimedUntilMs is { } claimed ? DateTimeOffset.FromUnixTimeMilliseconds(claimed) : null,
        ETag = d.ETag,
    };

    public static EventStateDocument ToDocument(ConversationEventState s) => new()
    {
        Id = s.ConversationId,
        ConversationId = s.ConversationId,
        Announced = s.Announced,
        PublishedChange = s.PublishedChange,
        PublishedSequence = s.PublishedSequence,
        PublishedMetadata = s.PublishedMetadata,
        Floor = s.Notifications.Floor,
        Pending = s.Notifications.Messages.Select(m => new[] { m.Sequence, m.At.ToUnixTimeMilliseconds() }).ToList(),
        Settled = new Dictionary<string, long>(s.Notifications.Settled, StringComparer.Ordinal),
        DueAtMs = s.Notifications.DueAt?.ToUnixTimeMilliseconds(),
        ClaimedUntilMs = s.ClaimedUntil?.ToUnixTimeMilliseconds(),
    };
}
