namespace Chat.Shared.Events;

/// <summary>
/// Publishes events to the app's backend. Implementations send the events of one call in the given order and return
/// only when all of them were accepted; anything else throws, and the caller publishes the same events (same ids)
/// again. Production: <see cref="EventGridChatEventPublisher"/>.
/// </summary>
public interface IChatEventPublisher
{
    Task PublishAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken);
}
