namespace Chat.Shared.Realtime;

/// <summary>
/// Sends events when the caller must know that they went out (the typing sweep completes a claim only after
/// its events were published). HTTP functions publish through SignalR output bindings instead.
/// </summary>
public interface IRealtimePublisher
{
    Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken);

    /// <summary>Adds users to or removes them from conversations' SignalR groups, in order.</summary>
    Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken);
}
