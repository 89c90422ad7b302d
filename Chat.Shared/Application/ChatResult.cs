using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>
/// The outcome of an operation: its value, whether it created something (201) or found it (200), and the
/// realtime events the host publishes after the write succeeded.
/// </summary>
public sealed record ChatResult<T>(T Value, IReadOnlyList<RealtimeEvent> Events, bool Created = false);

public static class ChatResult
{
    /// <summary>A result that changed nothing, so it has no events.</summary>
    public static ChatResult<T> Quiet<T>(T value) => new(value, []);
}
