using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// Presence states, one per user in the user's own partition. Writes are conditional on the state read, so concurrent
/// connection events of one user never overwrite each other: the loser reads again and decides again.
/// </summary>
public interface IPresenceStore
{
    /// <summary>The user's state (with its ETag), or null when the user was never seen: one point read.</summary>
    Task<UserPresence?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// The states of <paramref name="userIds"/> that exist, by user id: one ReadMany request (Cosmos DB sends one request
    /// per physical partition that holds any of them). An empty list reads nothing.
    /// </summary>
    Task<IReadOnlyDictionary<string, UserPresence>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="presence"/> only if the stored state is still the one read: <c>ETag</c> null means "only if
    /// there is none", otherwise "only if its ETag is still this one". False, writing nothing, when another writer won.
    /// </summary>
    Task<bool> TryPutAsync(UserPresence presence, CancellationToken cancellationToken);

    /// <summary>
    /// States whose <see cref="UserPresence.DueAt"/> is at or before <paramref name="now"/>, earliest first, at most
    /// <paramref name="limit"/>: the presence sweep's query (across partitions, on a timer, never on a request path).
    /// </summary>
    Task<IReadOnlyList<UserPresence>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the user's presence document (erasure); false when there was none.</summary>
    Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken);
}
