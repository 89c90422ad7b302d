using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>
/// The outcome of an operation: its value, whether it created something (201) or found it (200), the realtime
/// events the host publishes after the write succeeded, and the SignalR group changes it applies first.
/// </summary>
public sealed record ChatResult<T>(T Value, IReadOnlyList<RealtimeEvent> Events, bool Created = false)
{
    public IReadOnlyList<GroupChange> Groups { get; init; } = [];
}

public static class ChatResult
{
    /// <summary>A result that changed nothing, so it has no events.</summary>
    public static ChatResult<T> Quiet<T>(T value) => new(value, []);
}
