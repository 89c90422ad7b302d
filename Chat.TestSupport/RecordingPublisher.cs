using System.Collections.Concurrent;
using Chat.Shared.Realtime;

namespace Chat.TestSupport;

/// <summary>Collects published events; can be told to fail, as the SignalR service can.</summary>
public sealed class RecordingPublisher : IRealtimePublisher
{
    public ConcurrentQueue<RealtimeEvent> Published { get; } = new();

    public ConcurrentQueue<GroupChange> Groups { get; } = new();

    public bool Fail { get; set; }

    public Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("SignalR is unavailable.");
        }

        foreach (var e in events)
        {
            Published.Enqueue(e);
        }

        return Task.CompletedTask;
    }

    public Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            Groups.Enqueue(change);
        }

        return Task.CompletedTask;
    }
}
