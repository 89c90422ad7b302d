using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// Presence from connection events through <see cref="Chat.Shared.Application.PresenceService"/> and the presence sweep:
/// counting over devices, repeated and reordered events, lost <c>disconnected</c> events, concurrent events of one user,
/// and <c>presenceChanged</c> exactly on a change, once per conversation group.
/// </summary>
public class PresenceServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Presence_FirstDeviceConnects_AnnouncesOnline_OncePerConversationGroup()
    {
        var h = new ChatHarness();
        var direct = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Carol, Bob, Alice);

        var events = await h.ConnectAsync(Bob, "phone");

        var expected = new PresenceChangedEvent("bob", true, null, 1);
        Assert.Equal(new[] { direct, group }.Order(StringComparer.Ordinal), events.Select(e => e.Audience.ConversationId!).Order(StringComparer.Ordinal));
        Assert.All(events, e =>
        {
            Assert.Equal(EventTargets.PresenceChanged, e.Target);
            Assert.Null(e.Audience.UserId);
            Assert.Equal(expected, e.Payload);
        });
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Presence_SecondDeviceConnecting_AndOneOfTwoDisconnecting_SendNothing()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");

        var second = await h.ConnectAsync(Bob, "laptop");
        var firstGone = await h.DisconnectAsync(Bob, "phone");

        Assert.Empty(second);
        Assert.Empty(firstGone);
        var stored = h.Presence.Stored("bob")!;
        Assert.True(stored.Online);
        Assert.Equal(["laptop"], stored.Connections.Select(c => c.ConnectionId));
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Presence_LastDeviceDisconnecting_IsAnnouncedByTheSweep_OnceTheGraceIsOver_LastSeenAtTheDisconnect()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        var disconnectedAt = h.Clock.GetUtcNow();

        var atDisconnect = await h.DisconnectAsync(Bob, "phone");
        h.Clock.Advance(h.Options.Presence.OfflineGrace - TimeSpan.FromSeconds(1));
        var inGrace = await h.SweepPresenceAsync();
        var online = await h.PresenceService.IsOnlineAsync("bob", None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterGrace = await h.SweepPresenceAsync();
        var again = await h.SweepPresenceAsync();

        Assert.Empty(atDisconnect);
        Assert.Empty(inGrace.Events);
        Assert.True(online);
        var e = Assert.Single(afterGrace.Events);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        Assert.Equal(new PresenceChangedEvent("bob", false, disconnectedAt, 2), e.Payload);
        Assert.Empty(again.Events);
        Assert.Equal(0, again.Due);
        Assert.False(await h.PresenceService.IsOnlineAsync("bob", None));
    }

    [Fact]
    public async Task Presence_ReconnectWithinTheGrace_SendsNothing_AndTheSweepLeavesTheUserOnline()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone-1");

        var events = new List<RealtimeEvent>();
        events.AddRange(await h.DisconnectAsync(Bob, "phone-1"));
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        events.AddRange(await h.ConnectAsync(Bob, "phone-2"));
        h.Clock.Advance(h.Options.Presence.OfflineGrace);
        events.AddRange((await h.SweepPresenceAsync()).Events);

        Assert.Empty(events);
        Assert.True(h.Presence.Stored("bob")!.Online);
        Assert.Equal(1, h.Presence.Stored("bob")!.Version);
    }

    public static TheoryData<int> Batches() => [.. Enumerable.Range(0, 10)];

    /// <summary>
    /// 200 seeded runs: each connection's connected and disconnected events arrive in random order, some of them twice.
    /// After every event the user is online exactly when some connection's connected event has arrived and its
    /// disconnected event has not, and presenceChanged went out exactly when that flipped, with the next version.
    /// </summary>
    [Theory]
    [MemberData(nameof(Batches))]
    public async Task Presence_RepeatedAndReorderedEvents_StateFollowsTheOpenConnections_AndEventsGoOutExactlyOnChanges(int batch)
    {
        for (var seed = batch * 20; seed < (batch + 1) * 20; seed++)
        {
            var random = new Random(seed);
            var h = new ChatHarness(new ChatOptions { Presence = { OfflineGrace = TimeSpan.Zero } });
            await h.DirectAsync(Alice, Bob);
            var deliveries = Deliveries(random, connections: random.Next(1, 6));
            var (connected, disconnected) = (new HashSet<string>(), new HashSet<string>());
            var (online, version) = (false, 0L);

            foreach (var (connectionId, isConnect) in deliveries)
            {
                h.Clock.Advance(TimeSpan.FromSeconds(1));
                var events = isConnect
                    ? await h.PresenceService.ConnectedAsync("bob", connectionId, None)
                    : await h.PresenceService.DisconnectedAsync("bob", connectionId, None);
                (isConnect ? connected : disconnected).Add(connectionId);

                var expectedOnline = connected.Except(disconnected).Any();
                var context = $"seed {seed}, after {(isConnect ? "connected" : "disconnected")} {connectionId}";
                Assert.True(expectedOnline == (h.Presence.Stored("bob")?.Online ?? false), context);
                if (expectedOnline != online)
                {
                    version++;
                    var e = Assert.Single(events);
                    var payload = Assert.IsType<PresenceChangedEvent>(e.Payload);
                    Assert.True((expectedOnline, version) == (payload.Online, payload.Version), context);
                }
                else
                {
                    Assert.True(events.Count == 0, context);
                }

                online = expectedOnline;
            }

            Assert.False(online);
        }
    }

    [Fact]
    public async Task Presence_LostDisconnect_EndsWhenTheLeaseRunsOut_LastSeenWhenTheConnectionWasLastConfirmed()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var connectedAt = h.Clock.GetUtcNow();
        await h.ConnectAsync(Bob, "phone");

        // The connection closes, but its disconnected event never reaches the app.
        h.Connections.Close("phone");
        h.Clock.Advance(h.Options.Presence.ConnectionLease - TimeSpan.FromSeconds(1));
        var beforeLease = await h.SweepPresenceAsync();
        var onlineBeforeLease = await h.PresenceService.IsOnlineAsync("bob", None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var atLease = await h.SweepPresenceAsync();

        Assert.Equal((0, 0), (beforeLease.Due, beforeLease.Asked));
        Assert.True(onlineBeforeLease);
        Assert.Equal((1, 1), (atLease.Due, atLease.Asked));
        Assert.False(await h.PresenceService.IsOnlineAsync("bob", None));
        var e = Assert.Single(atLease.Events);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        Assert.Equal(new PresenceChangedEvent("bob", false, connectedAt, 2), e.Payload);
        Assert.Equal(["phone"], h.Presence.Stored("bob")!.Closed.Select(c => c.ConnectionId));
    }

    [Fact]
    public async Task Presence_ClientThatStaysConnected_StaysOnlineAcrossLeases_WithoutCallsOrEvents()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");

        var reports = new List<Chat.Shared.Application.PresenceSweepReport>();
        for (var lease = 0; lease < 3; lease++)
        {
            h.Clock.Advance(h.Options.Presence.ConnectionLease);
            reports.Add(await h.SweepPresenceAsync());
        }

        Assert.All(reports, r => Assert.Equal((1, 1, 0), (r.Due, r.Asked, r.Events.Count)));
        var stored = h.Presence.Stored("bob")!;
        Assert.True(stored.Online);
        Assert.Equal(1, stored.Version);
        Assert.Equal(h.Clock.GetUtcNow() + h.Options.Presence.ConnectionLease, stored.DueAt);
    }

    [Fact]
    public async Task Presence_SignalRServiceUnavailable_LeavesTheConnectionDue_AndTheNextSweepSettlesIt()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");
        h.Connections.Close("phone");
        h.Clock.Advance(h.Options.Presence.ConnectionLease);

        h.Connections.Fail = true;
        var failing = await h.SweepPresenceAsync();
        var stillOnline = h.Presence.Stored("bob")!;
        h.Connections.Fail = false;
        var recovered = await h.SweepPresenceAsync();

        Assert.Equal((1, 1, 1), (failing.Due, failing.Asked, failing.Unanswered));
        Assert.Empty(failing.Events);
        Assert.True(stillOnline.Online);
        Assert.Single(recovered.Events);
        Assert.False(h.Presence.Stored("bob")!.Online);
    }

    [Fact]
    public async Task Presence_ConcurrentConnectsOfOneUser_AllCounted_OnlineAnnouncedOnce()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        ReadAllBeforeAnyWrite(h, readers: 8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => h.PresenceService.ConnectedAsync("bob", $"device-{i}", None)));

        var e = Assert.Single(results.SelectMany(r => r));
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        Assert.Equal(new PresenceChangedEvent("bob", true, null, 1), e.Payload);
        var stored = h.Presence.Stored("bob")!;
        Assert.Equal(8, stored.Connections.Count);
        Assert.Equal(1, stored.Version);
        Assert.True(h.Presence.Calls["TryPutAsync"] >= 8 + 7, "Seven of the eight first writes must have lost their race.");
    }

    [Fact]
    public async Task Presence_ConcurrentDisconnectsOfEveryDevice_OfflineAnnouncedOnce()
    {
        var h = new ChatHarness(new ChatOptions { Presence = { OfflineGrace = TimeSpan.Zero } });
        await h.DirectAsync(Alice, Bob);
        for (var i = 0; i < 8; i++)
        {
            await h.PresenceService.ConnectedAsync("bob", $"device-{i}", None);
        }

        ReadAllBeforeAnyWrite(h, readers: 8);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => h.PresenceService.DisconnectedAsync("bob", $"device-{i}", None)));

        var e = Assert.Single(results.SelectMany(r => r));
        Assert.Equal(new PresenceChangedEvent("bob", false, h.Clock.GetUtcNow(), 2), e.Payload);
        var stored = h.Presence.Stored("bob")!;
        Assert.False(stored.Online);
        Assert.Empty(stored.Connections);
        Assert.Equal(8, stored.Closed.Count);
        Assert.True(h.Presence.Calls["TryPutAsync"] >= 8 + 8 + 7, "Seven of the eight first disconnect writes must have lost their race.");
    }

    /// <summary>
    /// Connected and disconnected events of many connections of one user, all at once with interleaved store calls (a
    /// connection's two events racing each other too): the user ends offline, and the events that went out are exactly
    /// the state's changes — versions 1..n, alternating online and offline, ending offline.
    /// </summary>
    [Theory]
    [MemberData(nameof(Batches))]
    public async Task Presence_ConcurrentConnectsAndDisconnects_EndInTheRightState_WithAnEventForEveryChangeAndNoOther(int seed)
    {
        var h = new ChatHarness(new ChatOptions { Presence = { OfflineGrace = TimeSpan.Zero } });
        await h.DirectAsync(Alice, Bob);
        InterleaveStoreCalls(h, seed);
        var random = new Random(seed);

        var calls = Deliveries(random, connections: 6)
            .Select(d => d.IsConnect
                ? h.PresenceService.ConnectedAsync("bob", d.ConnectionId, None)
                : h.PresenceService.DisconnectedAsync("bob", d.ConnectionId, None))
            .ToList();
        var events = (await Task.WhenAll(calls)).SelectMany(r => r).Select(e => (PresenceChangedEvent)e.Payload).OrderBy(e => e.Version).ToList();

        var stored = h.Presence.Stored("bob")!;
        Assert.False(stored.Online);
        Assert.Empty(stored.Connections);
        Assert.Equal(events.Count, stored.Version);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(events.Select((_, i) => i % 2 == 0), events.Select(e => e.Online));
    }

    [Fact]
    public async Task Presence_SweepRacingAConnect_NeverTakesTheUserOffline()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");
        h.Connections.Close("phone");
        h.Clock.Advance(h.Options.Presence.ConnectionLease);

        // The sweep has read bob's state and asked about "phone" (gone); before it writes, a new device connects.
        var raced = false;
        h.Presence.BeforeCall = operation =>
        {
            if (operation == "TryPutAsync" && !raced)
            {
                raced = true;
                h.ConnectAsync(Bob, "laptop").GetAwaiter().GetResult();
            }
        };
        var report = await h.SweepPresenceAsync();

        Assert.True(raced);
        Assert.Empty(report.Events);
        var stored = h.Presence.Stored("bob")!;
        Assert.True(stored.Online);
        Assert.Equal(["laptop"], stored.Connections.Select(c => c.ConnectionId));
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Presence_IsAnnouncedOnlyToConversationsTheUserIsStillIn()
    {
        var h = new ChatHarness();
        var kept = await h.DirectAsync(Alice, Bob);
        var left = await h.GroupAsync(Carol, Bob);
        await h.Membership.RemoveParticipantAsync(Bob, left, "bob", None);
        await h.ProjectAsync();

        var events = await h.ConnectAsync(Bob, "phone");

        Assert.Equal([kept], events.Select(e => e.Audience.ConversationId));
    }

    [Theory]
    [InlineData(null, "c1")]
    [InlineData("", "c1")]
    [InlineData("bo/b", "c1")]
    [InlineData("bob", null)]
    [InlineData("bob", "")]
    [InlineData("bob", "has space")]
    [InlineData("bob", "line\nbreak")]
    public async Task Presence_EventWithoutAValidUserOrConnectionId_IsIgnored_AndStoresNothing(string? userId, string? connectionId)
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);

        var connected = await h.PresenceService.ConnectedAsync(userId, connectionId, None);
        var disconnected = await h.PresenceService.DisconnectedAsync(userId, connectionId, None);
        var tooLong = await h.PresenceService.ConnectedAsync("bob", new string('c', 129), None);

        Assert.Empty(connected.Concat(disconnected).Concat(tooLong));
        Assert.Empty(h.Presence.Calls);
        Assert.Equal(string.Empty, h.Presence.Snapshot());
    }

    [Fact]
    public async Task Presence_Get_ShowsCoMembersAndTheCaller_StrangersAndUnknownUsersAlikeAsUnknown_InTheOrderAsked()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.GroupAsync(Alice, Carol);
        await h.DirectAsync(Mallory, new ChatUser("dave", "Dave"));
        await h.ConnectAsync(Bob, "bob-phone");
        await h.ConnectAsync(Mallory, "mallory-phone");
        await h.ConnectAsync(Alice, "alice-phone");
        h.Presence.ResetDocumentsRead();

        var answer = await h.PresenceService.GetAsync(Alice, new PresenceRequest("bob,carol,mallory,nobody,alice,bob"), None);

        Assert.Equal(
            [
                new PresenceDto("bob", true, null, 1),
                new PresenceDto("carol", false, null, 0),
                new PresenceDto("mallory", null, null, 0),
                new PresenceDto("nobody", null, null, 0),
                new PresenceDto("alice", true, null, 1),
            ],
            answer.Items);
        Assert.Equal(2, h.Presence.DocumentsRead);
    }

    [Fact]
    public async Task Presence_Get_IsUnknown_ForAUserWhoNoLongerSharesAConversation()
    {
        var h = new ChatHarness();
        var group = await h.GroupAsync(Alice, Carol);
        await h.ConnectAsync(Carol, "carol-phone");
        var before = await h.PresenceService.GetAsync(Alice, new PresenceRequest("carol"), None);

        await h.Membership.RemoveParticipantAsync(Alice, group, "carol", None);
        await h.ProjectAsync();
        var after = await h.PresenceService.GetAsync(Alice, new PresenceRequest("carol"), None);
        var carolsView = await h.PresenceService.GetAsync(Carol, new PresenceRequest("alice"), None);

        Assert.Equal(new PresenceDto("carol", true, null, 1), Assert.Single(before.Items));
        Assert.Equal(new PresenceDto("carol", null, null, 0), Assert.Single(after.Items));
        Assert.Equal(new PresenceDto("alice", null, null, 0), Assert.Single(carolsView.Items));
    }

    [Theory]
    [InlineData(null, ErrorCodes.PresenceUserIdsRequired)]
    [InlineData("", ErrorCodes.PresenceUserIdsRequired)]
    [InlineData("bob,", ErrorCodes.InvalidId)]
    [InlineData("bob,,carol", ErrorCodes.InvalidId)]
    [InlineData("bob/x", ErrorCodes.InvalidId)]
    [InlineData("bob\n", ErrorCodes.InvalidId)]
    public async Task Presence_Get_RefusesBadUserIds_BeforeReadingAnything(string? userIds, string code)
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        h.Store.Calls.Clear();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.PresenceService.GetAsync(Alice, new PresenceRequest(userIds), None));

        Assert.Equal(code, error.Error.Code);
        Assert.Empty(h.Store.Calls);
        Assert.Empty(h.Presence.Calls);
    }

    [Fact]
    public async Task Presence_Get_RefusesMoreUsersThanTheLimit_CountingRepeats()
    {
        var h = new ChatHarness();
        var ids = string.Join(',', Enumerable.Repeat("bob", h.Options.Presence.MaxUserIds + 1));

        var error = await Assert.ThrowsAsync<ChatException>(() => h.PresenceService.GetAsync(Alice, new PresenceRequest(ids), None));
        var atLimit = await h.PresenceService.GetAsync(Alice, new PresenceRequest(string.Join(',', Enumerable.Repeat("bob", h.Options.Presence.MaxUserIds))), None);

        Assert.Equal(ErrorCodes.PresenceTooManyUserIds, error.Error.Code);
        Assert.Single(atLimit.Items);
    }

    [Fact]
    public async Task Presence_ConversationGet_ShowsEachParticipantsPresence_AndOtherViewsLeaveItOut()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.ConnectAsync(Bob, "bob-phone");
        await h.ConnectAsync(Carol, "carol-phone");
        var carolLeftAt = h.Clock.GetUtcNow();
        await h.DisconnectAsync(Carol, "carol-phone");
        h.Clock.Advance(h.Options.Presence.OfflineGrace);
        await h.SweepPresenceAsync();

        var view = await h.Conversations.GetAsync(Alice, id, None);
        var changes = await h.Sync.GetChangesAsync(Alice, id, new ChangesRequest(), None);

        Assert.Equal(
            [("alice", false, null), ("bob", true, null), ("carol", false, (DateTimeOffset?)carolLeftAt)],
            view.Participants.Select(p => (p.UserId, p.Online!.Value, p.LastSeenAt)));
        Assert.All(changes.Participants, p => Assert.Null(p.Online));
    }

    [Fact]
    public async Task Presence_IsOnline_AndOnlineAmong_AnswerForOtherFeatures()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        await h.ConnectAsync(Bob, "phone");

        Assert.True(await h.PresenceService.IsOnlineAsync("bob", None));
        Assert.False(await h.PresenceService.IsOnlineAsync("alice", None));
        Assert.Equal(["bob"], await h.PresenceService.GetOnlineAsync(["alice", "bob", "nobody"], None));
    }

    /// <summary>Each connection's connected and disconnected event in a random order, about a third of them twice.</summary>
    private static List<(string ConnectionId, bool IsConnect)> Deliveries(Random random, int connections)
    {
        var deliveries = new List<(string ConnectionId, bool IsConnect)>();
        for (var c = 0; c < connections; c++)
        {
            deliveries.Add(($"conn-{c}", true));
            deliveries.Add(($"conn-{c}", false));
        }

        deliveries.AddRange(deliveries.Where(_ => random.Next(3) == 0).ToList());
        return [.. deliveries.OrderBy(_ => random.Next())];
    }

    /// <summary>
    /// Holds every write back until <paramref name="readers"/> reads have happened, so that many concurrent events all read
    /// the same state first: all but one of their writes must lose the race.
    /// </summary>
    private static void ReadAllBeforeAnyWrite(ChatHarness h, int readers)
    {
        var reads = 0;
        h.Presence.Latency = async operation =>
        {
            if (operation == "GetAsync")
            {
                Interlocked.Increment(ref reads);
                return;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Volatile.Read(ref reads) < readers && !timeout.IsCancellationRequested)
            {
                await Task.Delay(1);
            }
        };
    }

    /// <summary>Random real delays before every presence store call, so concurrent events interleave between read and write.</summary>
    private static void InterleaveStoreCalls(ChatHarness h, int seed)
    {
        var random = new Random(seed);
        var gate = new Lock();
        h.Presence.Latency = async _ =>
        {
            int delay;
            lock (gate)
            {
                delay = random.Next(0, 4);
            }

            if (delay == 0)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(delay);
            }
        };
    }
}
