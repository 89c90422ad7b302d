using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// The publisher's per-conversation state (<see cref="ConversationEventState"/>): one document per conversation,
/// every write conditional on its ETag. Implementations: Cosmos DB (container <c>events</c>), a double in the tests.
/// </summary>
public interface IEventStateStore
{
    /// <summary>The states of these conversations in one request; conversations without one are left out.</summary>
    Task<IReadOnlyDictionary<string, ConversationEventState>> ReadAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state if the stored one is still the one read (<c>state.ETag</c>; null: only if none exists). The
    /// state as stored (with its new ETag), or null when another writer changed it meanwhile.
    /// </summary>
    Task<ConversationEventState?> TrySaveAsync(ConversationEventState state, CancellationToken cancellationToken);

    /// <summary>
    /// States whose notifications are due at <paramref name="now"/> and that no sweep holds a live claim on, earliest
    /// first, at most <paramref name="limit"/>. A cross-partition query on the sweep's timer path only; it reads only
    /// conversations with pending notifications.
    /// </summary>
    Task<IReadOnlyList<ConversationEventState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
