using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.TestSupport;

/// <summary>Typing store double: ETag-guarded claims and completes, like the Cosmos implementation.</summary>
public sealed class InMemoryTypingStore : ITypingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Conversation, string User), TypingState> _states = [];
    private long _etagCounter;

    private long _requests;

    public int GetDueCalls { get; private set; }

    /// <summary>Store calls so far: each is one request of the Cosmos DB typing store.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Runs inside <see cref="TryClaimAsync"/> before the ETag check, to let a test race a refresh or another sweep.</summary>
    public Action<TypingState>? BeforeClaim { get; set; }

    public Task SetAsync(TypingState state, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            _states[(state.ConversationId, state.UserId)] = state with { ClaimedUntil = null, ETag = NextETag() };
        }

        return Task.CompletedTask;
    }

    public Task<TypingState?> GetAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault((conversationId, userId)));
        }
    }

    /// <summary>Runs inside <see cref="TrySetAsync"/> before the ETag check, to let a test race a sweep's claim.</summary>
    public Action<TypingState>? BeforeTrySet { get; set; }

    public Task<bool> TrySetAsync(TypingState state, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        BeforeTrySet?.Invoke(state);
        lock (_gate)
        {
            var key = (state.ConversationId, state.UserId);
            if (_states.GetValueOrDefault(key)?.ETag != state.ETag)
            {
                return Task.FromResult(false);
            }

            _states[key] = state with { ClaimedUntil = null, ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    /// <summary>Every state, for asserting that a request changed none.</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            return string.Join("\n", _states.Values.OrderBy(s => s.ConversationId, StringComparer.Ordinal).ThenBy(s => s.UserId, StringComparer.Ordinal));
        }
    }

    public Task<bool> RemoveAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            return Task.FromResult(_states.Remove((conversationId, userId)));
        }
    }

    public Task<IReadOnlyList<TypingState>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            GetDueCalls++;
            IReadOnlyList<TypingState> due = _states.Values
                .Where(s => s.ExpiresAt <= now && (s.ClaimedUntil is null || s.ClaimedUntil <= now))
                .OrderBy(s => s.ExpiresAt)
                .Take(limit)
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<TypingState?> TryClaimAsync(TypingState state, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        BeforeClaim?.Invoke(state);
        lock (_gate)
        {
            if (!_states.TryGetValue((state.ConversationId, state.UserId), out var stored) || stored.ETag != state.ETag)
            {
                return Task.FromResult<TypingState?>(null);
            }

            var claimed = stored with { ClaimedUntil = claimedUntil, ETag = NextETag() };
            _states[(state.ConversationId, state.UserId)] = claimed;
            return Task.FromResult<TypingState?>(claimed);
        }
    }

    public Task<bool> TryCompleteAsync(TypingState claimed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            if (!_states.TryGetValue((claimed.ConversationId, claimed.UserId), out var stored) || stored.ETag != claimed.ETag)
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_states.Remove((claimed.ConversationId, claimed.UserId)));
        }
    }

    /// <summary>States the others are shown as typing (hidden ones, see TypingState.Hidden, excluded).</summary>
    public int ShownCount
    {
        get
        {
            lock (_gate)
            {
                return _states.Values.Count(s => !s.Hidden);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _states.Count;
            }
        }
    }

    private string NextETag() => $"\"t{Interlocked.Increment(ref _etagCounter)}\"";
}
