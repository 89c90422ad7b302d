using System.Collections.Concurrent;
using Chat.Shared.Realtime;

namespace Chat.TestSupport;

/// <summary>
/// Stands in for SignalR Service's connection directory: the connections a test says are open. It can be told to fail,
/// as the service's REST API can, and counts the questions asked.
/// </summary>
public sealed class FakeConnectionDirectory : IConnectionDirectory
{
    private readonly ConcurrentDictionary<string, bool> _open = new(StringComparer.Ordinal);
    private int _asked;

    public bool Fail { get; set; }

    public int Asked => Volatile.Read(ref _asked);

    public void Open(string connectionId) => _open[connectionId] = true;

    public void Close(string connectionId) => _open.TryRemove(connectionId, out _);

    public Task<bool> ConnectionExistsAsync(string connectionId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _asked);
        return Fail ? throw new HttpRequestException("SignalR Service is unavailable.") : Task.FromResult(_open.ContainsKey(connectionId));
    }
}
