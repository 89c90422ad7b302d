using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

/// <summary>The rules of a conversation's pending notifications (<see cref="NotificationWindow"/>).</summary>
public class NotificationWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    [Fact]
    public void NotificationWindow_With_StartsAnEmptyWindowAtTheFirstNewMessage_AndIsDueAfterTheDelay()
    {
        var window = NotificationWindow.Empty.With([Message(41, 0), Message(42, 5)], Delay, 100);

        Assert.Equal((40L, 42L, T0 + Delay), (window.Floor, window.Last, window.DueAt!.Value));
    }

    [Fact]
    public void NotificationWindow_With_IgnoresMessagesItAlreadyKnows_SoAReplayChangesNothing()
    {
        var window = NotificationWindow.Empty.With([Message(1, 0), Message(2, 1)], Delay, 100);

        Assert.Same(window, window.With([Message(1, 0), Message(2, 1)], Delay, 100));
    }

    [Fact]
    public void NotificationWindow_OverCapacity_MergesRecentEntries_SoNoMemberIsEverDueEarly()
    {
        var window = NotificationWindow.Empty.With(Enumerable.Range(1, 10).Select(i => Message(i, i)), Delay, capacity: 4);
        var readThrough6 = Member("bob", read: 6);

        Assert.Equal(4, window.Messages.Count);
        Assert.Equal([1L, 2L, 3L, 10L], window.Messages.Select(m => m.Sequence));
        Assert.True(window.FirstPending(readThrough6)!.At >= T0.AddSeconds(7));
        Assert.Equal(NotificationAction.None, window.Decide(readThrough6, T0.AddSeconds(7) + Delay - TimeSpan.FromTicks(1), Delay, online: false).Action);
    }

    [Fact]
    public void NotificationWindow_Decide_NotifiesOfEverythingUnread_SkipsMutedAndOnline_WaitsForTheDelay()
    {
        var window = NotificationWindow.Empty.With([Message(1, 0), Message(2, 10), Message(3, 20)], Delay, 100);
        var now = T0 + Delay;

        var unread = window.Decide(Member("bob"), now, Delay, online: false);
        var readOne = window.Decide(Member("carol", read: 1), now, Delay, online: false);
        var muted = window.Decide(Member("dave") with { MutedUntil = now.AddHours(1) }, now, Delay, online: false);
        var online = window.Decide(Member("erin"), now, Delay, online: true);
        var readAll = window.Decide(Member("frank", read: 3), now, Delay, online: false);

        Assert.Equal((NotificationAction.Notify, 1L, 3L, 3L), (unread.Action, unread.FromSequence, unread.ThroughSequence, unread.Count));
        Assert.Equal(NotificationAction.None, readOne.Action);
        Assert.Equal(NotificationAction.Skip, muted.Action);
        Assert.Equal(NotificationAction.Skip, online.Action);
        Assert.Equal(NotificationAction.None, readAll.Action);
    }

    [Fact]
    public void NotificationWindow_Settle_RaisesTheFloor_KeepsWhatSomeoneStillWaitsFor_AndIsIdempotent()
    {
        var window = NotificationWindow.Empty.With([Message(1, 0), Message(2, 10), Message(3, 20)], Delay, 100);
        var members = new[] { Member("alice", read: 3), Member("bob"), Member("carol", read: 1) };

        var settled = window.Settle(new Dictionary<string, long> { ["bob"] = 3 }, members, Delay);

        Assert.Equal(1, settled.Floor);
        Assert.Equal([2L, 3L], settled.Messages.Select(m => m.Sequence));
        Assert.Equal(T0.AddSeconds(10) + Delay, settled.DueAt);
        var again = settled.Settle(new Dictionary<string, long> { ["bob"] = 3 }, members, Delay);
        Assert.Equal((settled.Floor, settled.DueAt), (again.Floor, again.DueAt));
        Assert.Equal(settled.Messages, again.Messages);
        Assert.Equal(settled.Settled, again.Settled);
    }

    [Fact]
    public void NotificationWindow_Settle_EveryoneDone_EmptiesTheWindow()
    {
        var window = NotificationWindow.Empty.With([Message(7, 0)], Delay, 100);

        var settled = window.Settle(new Dictionary<string, long> { ["bob"] = 7 }, [Member("alice", read: 7), Member("bob")], Delay);

        Assert.Equal((7L, 0, (DateTimeOffset?)null), (settled.Floor, settled.Messages.Count, settled.DueAt));
        Assert.Empty(settled.Settled);
    }

    [Fact]
    public void NotificationWindow_Settle_DropsThePositionsOfUsersWhoAreNoLongerMembers()
    {
        var window = NotificationWindow.Empty.With([Message(1, 0), Message(2, 10), Message(3, 20)], Delay, 100)
            .Settle(new Dictionary<string, long> { ["bob"] = 3, ["dave"] = 3 }, [Member("alice", read: 3), Member("bob"), Member("carol", read: 1), Member("dave")], Delay);
        Assert.Equal(["bob", "dave"], window.Settled.Keys.Order(StringComparer.Ordinal));

        var afterDaveLeft = window.Settle(new Dictionary<string, long> { ["dave"] = 3 }, [Member("alice", read: 3), Member("bob"), Member("carol", read: 1)], Delay);

        Assert.Equal(["bob"], afterDaveLeft.Settled.Keys);
        Assert.Equal(window.Floor, afterDaveLeft.Floor);
        Assert.Equal(window.Messages, afterDaveLeft.Messages);
    }

    [Fact]
    public void NotificationState_Forgetting_RemovesOnlyThatUsersPosition()
    {
        var window = NotificationWindow.Empty.With([Message(1, 0), Message(2, 10)], Delay, 100)
            .Settle(new Dictionary<string, long> { ["bob"] = 2, ["carol"] = 2 }, [Member("alice"), Member("bob"), Member("carol")], Delay);
        var state = ConversationEventState.New("c") with { PublishedChange = 9, Notifications = window };

        var forgotten = state.Forgetting("bob");

        Assert.Equal(new NotificationProgress("c", "bob", 2), state.ProgressOf("bob"));
        Assert.Null(forgotten.ProgressOf("bob"));
        Assert.Equal(new NotificationProgress("c", "carol", 2), forgotten.ProgressOf("carol"));
        Assert.Equal((9L, window.Floor, window.DueAt), (forgotten.PublishedChange, forgotten.Notifications.Floor, forgotten.Notifications.DueAt));
        Assert.Equal(window.Messages, forgotten.Notifications.Messages);
        Assert.Equal(forgotten.Notifications.Settled, forgotten.Forgetting("bob").Notifications.Settled);
    }

    [Fact]
    public void NotificationWindow_Without_DropsADeletedMessage_ButNeverAnEntryStandingForOthersToo()
    {
        var window = NotificationWindow.Empty.With(Enumerable.Range(1, 6).Select(i => Message(i, i)), Delay, capacity: 4);

        Assert.Equal([1L, 2L, 3L, 6L], window.Messages.Select(m => m.Sequence));
        Assert.Equal([1L, 3L, 6L], window.Without([2]).Messages.Select(m => m.Sequence));
        Assert.Same(window, window.Without([6]));
        var empty = NotificationWindow.Empty.With([Message(9, 0)], Delay, 100).Without([9]);
        Assert.Equal((8L, 0, (DateTimeOffset?)null), (empty.Floor, empty.Messages.Count, empty.DueAt));
    }

    [Fact]
    public void NotificationState_IsDue_OnlyWithoutALiveClaim()
    {
        var state = ConversationEventState.New("c") with { Notifications = NotificationWindow.Empty.With([Message(1, 0)], Delay, 100) };
        var due = T0 + Delay;

        Assert.False(state.IsDueAt(due - TimeSpan.FromTicks(1)));
        Assert.True(state.IsDueAt(due));
        Assert.False((state with { ClaimedUntil = due.AddSeconds(1) }).IsDueAt(due));
        Assert.True((state with { ClaimedUntil = due }).IsDueAt(due));
    }

    private static PendingMessage Message(long sequence, int second) => new(sequence, T0.AddSeconds(second));

    private static Member Member(string userId, long read = 0) => new() { ConversationId = "c", UserId = userId, JoinedAt = T0.AddDays(-1), ReadSequence = read };
}

/// <summary>The publisher's cursor rules (<see cref="ConversationEventState"/>).</summary>
public class EventGridCursorTests
{
    [Fact]
    public void EventGrid_MetadataDigest_IgnoresOrder_AndTellsAnyChange()
    {
        var a = ConversationEventState.MetadataDigest(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal(a, ConversationEventState.MetadataDigest(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }));
        Assert.NotEqual(a, ConversationEventState.MetadataDigest(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }));
        Assert.NotEqual(a, ConversationEventState.MetadataDigest(new Dictionary<string, string> { ["a"] = "12" }));
        Assert.NotEqual(ConversationEventState.MetadataDigest(new Dictionary<string, string>()), a);
    }
}
