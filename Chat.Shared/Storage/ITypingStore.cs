using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// Typing states of people typing now. The store holds only live states (expired ones are removed by the
/// sweep, with a TTL as backstop), so finding what is due costs in proportion to the people typing.
/// </summary>
public interface ITypingStore
{
    /// <summary>Starts or refreshes typing until <c>state.ExpiresAt</c>, clearing any sweep claim.</summary>
    Task SetAsync(TypingState state, CancellationToken cancellationToken);

    /// <summary>The user's current state in the conversation (with its ETag), or null.</summary>
    Task<TypingState?> GetAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="SetAsync"/>, but only if the stored state is still the one read: <c>state.ETag</c> null means
    /// "only if there is none", otherwise "only if its ETag is still this one". False, writing nothing, when another
    /// writer (or the sweep's claim) changed it meanwhile.
    /// </summary>
    Task<bool> TrySetAsync(TypingState state, CancellationToken cancellationToken);

    /// <summary>Removes the state. True when there was one to remove.</summary>
    Task<bool> RemoveAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>States whose time ran out at <paramref name="now"/> and that no sweep holds a live claim on.</summary>
    Task<IReadOnlyList<TypingState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Claims a due state under its ETag until <paramref name="claimedUntil"/>. Null when another writer won.</summary>
    Task<TypingState?> TryClaimAsync(TypingState state, DateTimeOffset claimedUntil, CancellationToken cancellationToken);

    /// <summary>Removes a claimed state if it is unchanged since the claim (a refresh keeps it alive).</summary>
    Task<bool> TryCompleteAsync(TypingState claimed, CancellationToken cancellationToken);
}
