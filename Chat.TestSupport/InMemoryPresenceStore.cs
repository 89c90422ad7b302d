using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;

namespace Chat.TestSupport;

/// <summary>
/// Presence store double with the Cosmos store's semantics: create-only or ETag-conditional writes, ReadMany that
/// leaves out users without a state and sends nothing for an empty list, and the sweep's due query. It counts requests
/// (into the <see cref="StoreMetrics"/> it is given, so a cost measurement sees them beside the chat store's), documents
/// read and the stored JSON written, and can inject latency and faults.
/// </summary>
public sealed class InMemoryPresenceStore(StoreMetrics? metrics = null) : IPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserPresence> _states = new(StringComparer.Ordinal);
    private long _etagCounter;
    private long _documentsRead;

    public StoreMetrics Metrics { get; } = metrics ?? new StoreMetrics();

    /// <summary>Calls per port method.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Presence documents read (point reads and ReadMany), for the cost of views that show presence.</summary>
    public long DocumentsRead => Interlocked.Read(ref _documentsRead);

    /// <summary>Runs before every call with the operation name; throw from it to inject a fault.</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>Awaited before every call (outside the lock): injected latency, so concurrent events interleave.</summary>
    public Func<string, Task>? Latency { get; set; }

    public async Task<UserPresence?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetAsync));
        lock (_gate)
        {
            var state = _states.GetValueOrDefault(userId);
            if (state is not null)
            {
                Interlocked.Increment(ref _documentsRead);
            }

            return state;
        }
    }

    public async Task<IReadOnlyDictionary<string, UserPresence>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, UserPresence>(StringComparer.Ordinal);
        }

        await EnterAsync(nameof(GetManyAsync));
        lock (_gate)
        {
            var found = userIds.Distinct(StringComparer.Ordinal).Where(_states.ContainsKey).ToDictionary(id => id, id => _states[id], StringComparer.Ordinal);
            Interlocked.Add(ref _documentsRead, found.Count);
            return found;
        }
    }

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(DeleteAsync));
        lock (_gate)
        {
            return _states.Remove(userId);
        }
    }

    public async Task<bool> TryPutAsync(UserPresence presence, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(TryPutAsync));
        lock (_gate)
        {
            if (_states.GetValueOrDefault(presence.UserId)?.ETag != presence.ETag)
            {
                return false;
            }

            // As stored: due times to the millisecond, as the Cosmos document keeps them.
            var stored = CosmosDocuments.ToPresence(CosmosDocuments.ToDocument(presence with { ETag = null }));
            Metrics.AddWrite(CosmosDocuments.ToDocument(stored));
            _states[presence.UserId] = stored with { ETag = $"\"p{Interlocked.Increment(ref _etagCounter)}\"" };
            return true;
        }
    }

    public async Task<IReadOnlyList<UserPresence>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await EnterAsync(nameof(GetDueAsync));
        lock (_gate)
        {
            return _states.Values.Where(p => p.DueAt is { } due && due <= now).OrderBy(p => p.DueAt).Take(limit).ToList();
        }
    }

    /// <summary>The stored state of a user (no request counted), or null.</summary>
    public UserPresence? Stored(string userId)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(userId);
        }
    }

    /// <summary>Every state, serialised in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            return string.Join('\n', _states.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Value)));
        }
    }

    public void ResetDocumentsRead() => Interlocked.Exchange(ref _documentsRead, 0);

    private async Task EnterAsync(string operation)
    {
        Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Latency is { } latency)
        {
            await latency(operation);
        }

        BeforeCall?.Invoke(operation);
        Metrics.AddRequests(1);
    }
}
