namespace Chat.Shared.Domain;

/// <summary>
/// When a typing call is announced. Typing events are coalesced per user and conversation: after an announced event
/// the next one a user's own calls cause goes out no sooner than <see cref="ChatOptions.TypingEventInterval"/> later,
/// so a client posting typing in a loop (true, or true and false alternately) cannot flood the other participants.
/// The state itself still follows every call: it expires <see cref="ChatOptions.TypingTimeout"/> after the last
/// <c>true</c>. The stop the typing timer announces when a state runs out is not a user's call and is not held back.
/// </summary>
public static class TypingRules
{
    /// <summary>
    /// After <c>isTyping: true</c> at <paramref name="now"/>: the new state, and whether it is announced. Inside the
    /// interval of an announced state the others already see the user typing, so only the expiry moves (the
    /// <c>expiresAt</c> they were told is at most the interval older than the real one). A state the timer has
    /// claimed may have been announced as stopped, so typing is announced again.
    /// </summary>
    public static TypingDecision Start(TypingState? current, string conversationId, string userId, DateTimeOffset now, ChatOptions options)
    {
        var expiresAt = now + options.TypingTimeout;
        return current is not null && current.ClaimedUntil is null && IsWithinInterval(current, now, options)
            ? new TypingDecision(current with { ExpiresAt = expiresAt }, Announce: false)
            : new TypingDecision(new TypingState(conversationId, userId, expiresAt, AnnouncedAt: now), Announce: true);
    }

    /// <summary>
    /// After <c>isTyping: false</c>: null when the state is removed and the stop announced now; otherwise the state to
    /// keep, ending when the interval of its announcement is over, for the typing timer to announce the stop then
    /// (so start and stop in quick succession are one event per interval, not two per call).
    /// </summary>
    public static TypingState? DeferredStop(TypingState current, DateTimeOffset now, ChatOptions options)
    {
        if (current.ClaimedUntil is not null || !IsWithinInterval(current, now, options))
        {
            return null;
        }

        var end = current.AnnouncedAt!.Value + options.TypingEventInterval;
        return current with { ExpiresAt = end < current.ExpiresAt ? end : current.ExpiresAt };
    }

    private static bool IsWithinInterval(TypingState state, DateTimeOffset now, ChatOptions options) =>
        state.AnnouncedAt is { } announced && now - announced < options.TypingEventInterval;
}

/// <summary>The state to store after a typing call, and whether a <c>typing</c> event goes out.</summary>
public sealed record TypingDecision(TypingState Next, bool Announce);
