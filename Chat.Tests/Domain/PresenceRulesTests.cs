using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public sealed class PresenceRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly PresenceOptions Options = new() { ConnectionLease = TimeSpan.FromMinutes(10), OfflineGrace = TimeSpan.FromSeconds(15) };
    private static readonly PresenceOptions NoGrace = new() { ConnectionLease = TimeSpan.FromMinutes(10), OfflineGrace = TimeSpan.Zero };

    [Fact]
    public void Presence_Connected_FirstConnection_GoesOnline_AndIsAnnounced_WithTheLeaseAsDueTime()
    {
        var decision = PresenceRules.Connected(UserPresence.NeverSeen("bob"), "c1", T0, Options);

        Assert.True(decision.Store);
        Assert.True(decision.Announce);
        Assert.True(decision.Next.Online);
        Assert.Equal(1, decision.Next.Version);
        Assert.Null(decision.Next.LastSeenAt);
        Assert.Equal([new PresenceConnection("c1", T0, T0)], decision.Next.Connections);
        Assert.Equal(T0.AddMinutes(10), decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Connected_SecondConnection_IsStored_ButNotAnnounced()
    {
        var online = PresenceRules.Connected(UserPresence.NeverSeen("bob"), "c1", T0, Options).Next;

        var decision = PresenceRules.Connected(online, "c2", T0.AddMinutes(1), Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.Equal(["c1", "c2"], decision.Next.Connections.Select(c => c.ConnectionId));
        Assert.Equal(1, decision.Next.Version);
        Assert.Equal(T0.AddMinutes(10), decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Connected_TheSameConnectionAgain_ChangesNothing()
    {
        var online = PresenceRules.Connected(UserPresence.NeverSeen("bob"), "c1", T0, Options).Next;

        var decision = PresenceRules.Connected(online, "c1", T0.AddSeconds(1), Options);

        Assert.False(decision.Store);
        Assert.False(decision.Announce);
        Assert.Same(online, decision.Next);
    }

    [Fact]
    public void Presence_Connected_AfterItsOwnDisconnected_ChangesNothing()
    {
        var closedFirst = PresenceRules.Disconnected(UserPresence.NeverSeen("bob"), "c1", T0, Options);

        var late = PresenceRules.Connected(closedFirst.Next, "c1", T0.AddSeconds(1), Options);

        Assert.True(closedFirst.Store);
        Assert.False(closedFirst.Announce);
        Assert.False(closedFirst.Next.Online);
        Assert.False(late.Store);
        Assert.False(late.Announce);
        Assert.False(late.Next.Online);
    }

    [Fact]
    public void Presence_Disconnected_OneOfTwo_IsStored_ButNotAnnounced()
    {
        var two = Connect(Options, ("c1", T0), ("c2", T0.AddSeconds(5)));

        var decision = PresenceRules.Disconnected(two, "c1", T0.AddMinutes(1), Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.True(decision.Next.Online);
        Assert.Equal(["c2"], decision.Next.Connections.Select(c => c.ConnectionId));
        Assert.Equal([new ClosedConnection("c1", T0.AddMinutes(1))], decision.Next.Closed);
    }

    [Fact]
    public void Presence_Disconnected_Last_StartsTheGrace_WithoutAnnouncing()
    {
        var one = Connect(Options, ("c1", T0));

        var decision = PresenceRules.Disconnected(one, "c1", T0.AddMinutes(2), Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.True(decision.Next.Online);
        Assert.Empty(decision.Next.Connections);
        Assert.Equal(T0.AddMinutes(2), decision.Next.OfflineSince);
        Assert.Equal(T0.AddMinutes(2).AddSeconds(15), decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Disconnected_Last_WithoutGrace_GoesOfflineAtOnce_LastSeenNow()
    {
        var one = Connect(NoGrace, ("c1", T0));

        var decision = PresenceRules.Disconnected(one, "c1", T0.AddMinutes(2), NoGrace);

        Assert.True(decision.Announce);
        Assert.False(decision.Next.Online);
        Assert.Equal(T0.AddMinutes(2), decision.Next.LastSeenAt);
        Assert.Equal(2, decision.Next.Version);
        Assert.Null(decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Disconnected_Twice_ChangesNothingTheSecondTime()
    {
        var two = Connect(Options, ("c1", T0), ("c2", T0));
        var once = PresenceRules.Disconnected(two, "c1", T0.AddSeconds(1), Options).Next;

        var twice = PresenceRules.Disconnected(once, "c1", T0.AddSeconds(2), Options);

        Assert.False(twice.Store);
        Assert.Same(once, twice.Next);
    }

    [Fact]
    public void Presence_Connected_WithinTheGrace_KeepsTheUserOnline_WithoutAnnouncing()
    {
        var closing = PresenceRules.Disconnected(Connect(Options, ("c1", T0)), "c1", T0.AddMinutes(1), Options).Next;

        var decision = PresenceRules.Connected(closing, "c2", T0.AddMinutes(1).AddSeconds(3), Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.True(decision.Next.Online);
        Assert.Null(decision.Next.OfflineSince);
        Assert.Equal(1, decision.Next.Version);
    }

    [Fact]
    public void Presence_Checked_GraceOver_GoesOffline_LastSeenWhenTheLastConnectionClosed()
    {
        var closing = PresenceRules.Disconnected(Connect(Options, ("c1", T0)), "c1", T0.AddMinutes(1), Options).Next;

        var early = PresenceRules.Checked(closing, new Dictionary<string, bool>(), T0.AddMinutes(1).AddSeconds(14), Options);
        var decision = PresenceRules.Checked(closing, new Dictionary<string, bool>(), T0.AddMinutes(1).AddSeconds(15), Options);

        Assert.False(early.Store);
        Assert.True(decision.Announce);
        Assert.False(decision.Next.Online);
        Assert.Equal(T0.AddMinutes(1), decision.Next.LastSeenAt);
        Assert.Equal(2, decision.Next.Version);
        Assert.Null(decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Checked_AGoneConnection_TakesTheUserOffline_LastSeenWhenItWasLastConfirmed()
    {
        var one = Connect(Options, ("c1", T0));
        var leaseOver = T0.AddMinutes(10);

        var decision = PresenceRules.Checked(one, new Dictionary<string, bool> { ["c1"] = false }, leaseOver, Options);

        Assert.True(decision.Announce);
        Assert.False(decision.Next.Online);
        Assert.Equal(T0, decision.Next.LastSeenAt);
        Assert.Empty(decision.Next.Connections);
        Assert.Equal([new ClosedConnection("c1", leaseOver)], decision.Next.Closed);
    }

    [Fact]
    public void Presence_Checked_AnOpenConnection_IsRenewedForAnotherLease_WithoutAnnouncing()
    {
        var one = Connect(Options, ("c1", T0));
        var leaseOver = T0.AddMinutes(10).AddSeconds(3);

        var decision = PresenceRules.Checked(one, new Dictionary<string, bool> { ["c1"] = true }, leaseOver, Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.Equal([new PresenceConnection("c1", T0, leaseOver)], decision.Next.Connections);
        Assert.Equal(leaseOver.AddMinutes(10), decision.Next.DueAt);
    }

    [Fact]
    public void Presence_Checked_IgnoresAnswersForConnectionsWhoseLeaseIsNotOver_AndKeepsUnansweredOnesDue()
    {
        var two = Connect(Options, ("c1", T0), ("c2", T0.AddMinutes(5)));
        var at = T0.AddMinutes(10);

        var unanswered = PresenceRules.Checked(two, new Dictionary<string, bool>(), at, Options);
        var notDue = PresenceRules.Checked(two, new Dictionary<string, bool> { ["c2"] = false }, at, Options);

        Assert.False(unanswered.Store);
        Assert.Equal(T0.AddMinutes(10), unanswered.Next.DueAt);
        Assert.False(notDue.Store);
        Assert.Equal(2, notDue.Next.Connections.Count);
    }

    [Fact]
    public void Presence_Checked_OneOfTwoGone_IsStored_ButNotAnnounced()
    {
        var two = Connect(Options, ("c1", T0), ("c2", T0.AddMinutes(5)));

        var decision = PresenceRules.Checked(two, new Dictionary<string, bool> { ["c1"] = false }, T0.AddMinutes(10), Options);

        Assert.True(decision.Store);
        Assert.False(decision.Announce);
        Assert.True(decision.Next.Online);
        Assert.Equal(["c2"], decision.Next.Connections.Select(c => c.ConnectionId));
        Assert.Equal(T0.AddMinutes(15), decision.Next.DueAt);
    }

    [Fact]
    public void Presence_LeaseOver_NamesOnlyConnectionsWhoseLeaseRanOut()
    {
        var two = Connect(Options, ("c1", T0), ("c2", T0.AddMinutes(5)));

        Assert.Empty(PresenceRules.LeaseOver(two, T0.AddMinutes(10).AddTicks(-1), Options));
        Assert.Equal(["c1"], PresenceRules.LeaseOver(two, T0.AddMinutes(10), Options).Select(c => c.ConnectionId));
    }

    [Fact]
    public void Presence_ClosedIds_AreForgottenAfterALease_AndKeptToTheLimit()
    {
        var state = Connect(Options, ("keep", T0));
        for (var i = 0; i < PresenceRules.MaxClosed + 10; i++)
        {
            state = PresenceRules.Disconnected(state, $"x{i}", T0.AddSeconds(i), Options).Next;
        }

        Assert.Equal(PresenceRules.MaxClosed, state.Closed.Count);
        Assert.Equal($"x{PresenceRules.MaxClosed + 9}", state.Closed[^1].ConnectionId);

        // A lease after x30 closed: x0..x30 are forgotten, x31..x59 (29) are still remembered.
        var later = PresenceRules.Connected(state, "fresh", T0.AddMinutes(10).AddSeconds(30), Options).Next;

        Assert.Equal(Enumerable.Range(31, 29).Select(i => $"x{i}"), later.Closed.Select(c => c.ConnectionId));
    }

    [Fact]
    public void Presence_Connections_AreKeptToTheLimit_DroppingTheOneConfirmedLongestAgo()
    {
        var state = UserPresence.NeverSeen("bob");
        for (var i = 0; i <= PresenceRules.MaxConnections; i++)
        {
            state = PresenceRules.Connected(state, $"c{i}", T0.AddSeconds(i), Options).Next;
        }

        Assert.Equal(PresenceRules.MaxConnections, state.Connections.Count);
        Assert.DoesNotContain(state.Connections, c => c.ConnectionId == "c0");
        Assert.True(state.Online);
    }

    private static UserPresence Connect(PresenceOptions options, params (string Id, DateTimeOffset At)[] connections)
    {
        var state = UserPresence.NeverSeen("bob");
        foreach (var (id, at) in connections)
        {
            state = PresenceRules.Connected(state, id, at, options).Next;
        }

        return state;
    }
}
