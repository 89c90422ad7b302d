using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Chat.Shared.Storage.Cosmos.Documents;

namespace Chat.TestSupport;

/// <summary>
/// Double of the event publisher's state store with the Cosmos store's semantics: ETag-conditional writes (create
/// only when absent), ReadMany, the due query over states with pending notifications only. States go through the
/// Cosmos document mapping and JSON, so what is kept is what Cosmos DB would keep. Counts requests and bytes written.
/// </summary>
public sealed class InMemoryEventStateStore : IEventStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    private long _etagCounter;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>What the Cosmos DB store would have sent and written.</summary>
    public StoreMetrics Metrics { get; } = new();

    /// <summary>Awaited before every call (outside the lock), so concurrent callers interleave.</summary>
    public Func<string, Task>? Latency { get; set; }

    /// <summary>Runs before every call with the operation name; throw from it to inject a fault.</summary>
    public Action<string>? BeforeCall { get; set; }

    public async Task<IReadOnlyDictionary<string, ConversationEventState>> ReadAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(ReadAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            return conversationIds.Distinct(StringComparer.Ordinal)
                .Where(_documents.ContainsKey)
                .ToDictionary(id => id, id => Load(_documents[id]), StringComparer.Ordinal);
        }
    }

    public async Task<ConversationEventState?> TrySaveAsync(ConversationEventState state, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TrySaveAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            var stored = _documents.TryGetValue(state.ConversationId, out var json) ? Load(json) : null;
            if (stored?.ETag != state.ETag)
            {
                return null;
            }

            var etag = $"\"e{Interlocked.Increment(ref _etagCounter)}\"";
            var document = CosmosEventStateStore.ToDocument(state);
            Metrics.AddWrite(document);
            document.ETag = etag;
            _documents[state.ConversationId] = JsonSerializer.Serialize(document, CosmosJson.Options);
            return state with { ETag = etag };
        }
    }

    public async Task<IReadOnlyList<ConversationEventState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetDueAsync));
        lock (_gate)
        {
            Metrics.AddRequests(1);
            return _documents.Values.Select(Load)
                .Where(s => s.IsDueAt(now))
                .OrderBy(s => s.Notifications.DueAt)
                .Take(limit)
                .ToList();
        }
    }

    /// <summary>The stored state of a conversation, or null.</summary>
    public ConversationEventState? Get(string conversationId)
    {
        lock (_gate)
        {
            return _documents.TryGetValue(conversationId, out var json) ? Load(json) : null;
        }
    }

    /// <summary>Every stored state.</summary>
    public IReadOnlyList<ConversationEventState> All()
    {
        lock (_gate)
        {
            return _documents.Values.Select(Load).ToList();
        }
    }

    /// <summary>How many states are stored (one per conversation the publisher has seen).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _documents.Count;
            }
        }
    }

    /// <summary>Every stored document, serialised in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            return string.Join('\n', _documents.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        }
    }

    private static ConversationEventState Load(string json) =>
        CosmosEventStateStore.ToState(JsonSerializer.Deserialize<EventStateDocument>(json, CosmosJson.Options)!);

    private async Task EnterAsync(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Latency is { } latency)
        {
            await latency(operation);
        }

        BeforeCall?.Invoke(operation);
    }
}
