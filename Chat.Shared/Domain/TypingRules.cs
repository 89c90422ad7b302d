namespace Chat.Shared.Domain;

/// <summary>
/// When a typing call is announced. Typing events are coalesced per user and conversation, so a client posting typing
/// in a loop (<c>true</c> again and again, or <c>true</c> and <c>false</c> alternately) reaches the others at most
/// once per <see cref="ChatOptions.TypingEventInterval"/> with a start and once with a stop:
/// <list type="bullet">
/// <item>A start inside the interval of the user's last announcement only moves the expiry (the <c>expiresAt</c> the
/// others were told is at most the interval older than the real one); after it, a start is announced again.</item>
/// <item>A stop of a typing the others were told about is announced at once. The state is then kept, hidden, until
/// the interval is over, so a start right after it is not announced (it stays hidden until the next start after the
/// interval, and ends silently if none comes).</item>
/// <item>A stop of a hidden state is not announced (the others already saw a stop, or never saw the start).</item>
/// </list>
/// The state itself still follows every call: it expires <see cref="ChatOptions.TypingTimeout"/> after the last
/// <c>true</c>. The typing timer announces the end of a state the others were told about, and removes hidden ones
/// silently; its stops are not held back.
/// </summary>
public static class TypingRules
{
    /// <summary>
    /// After <c>isTyping: true</c> at <paramref name="now"/>: the new state, and whether it is announced. A state the
    /// timer has claimed may have been announced as stopped, so typing is announced again.
    /// </summary>
    public static TypingDecision Start(TypingState? current, string conversationId, string userId, DateTimeOffset now, ChatOptions options)
    {
        var expiresAt = now + options.TypingTimeout;
        return current is not null && current.ClaimedUntil is null && IsWithinInterval(current, now, options)
            ? new TypingDecision(current with { ExpiresAt = expiresAt }, Announce: false)
            : new TypingDecision(new TypingState(conversationId, userId, expiresAt, AnnouncedAt: now), Announce: true);
    }

    /// <summary>
    /// After <c>isTyping: false</c> on a stored state: the state to keep (none: remove it) and whether the stop is
    /// announced now.
    /// </summary>
    public static TypingStop Stop(TypingState current, DateTimeOffset now, ChatOptions options)
    {
        if (current.ClaimedUntil is not null)
        {
            // The timer is ending it and may not have announced it yet: end it now (the timer finds nothing to complete).
            return new TypingStop(Keep: null, Announce: true);
        }

        if (!current.Hidden)
        {
            return options.TypingEventInterval > TimeSpan.Zero
                ? new TypingStop(current with { Hidden = true, AnnouncedAt = now, ExpiresAt = now + options.TypingEventInterval }, Announce: true)
                : new TypingStop(Keep: null, Announce: true);
        }

        var pauseEnd = (current.AnnouncedAt ?? now) + options.TypingEventInterval;
        return pauseEnd > now
            ? new TypingStop(current with { ExpiresAt = pauseEnd < current.ExpiresAt ? pauseEnd : current.ExpiresAt }, Announce: false)
            : new TypingStop(Keep: null, Announce: false);
    }

    private static bool IsWithinInterval(TypingState state, DateTimeOffset now, ChatOptions options) =>
        state.AnnouncedAt is { } announced && now - announced < options.TypingEventInterval;
}

/// <summary>The state to store after a start, and whether a <c>typing</c> event goes out.</summary>
public sealed record TypingDecision(TypingState Next, bool Announce);

/// <summary>The state to keep after a stop (null: remove it), and whether the stop is announced.</summary>
public sealed record TypingStop(TypingState? Keep, bool Announce);
