using System.Net;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Typing events are coalesced per user and conversation: at most one per <c>Chat:TypingEventInterval</c> (2 s)
/// from a user's own calls, whatever the client posts, while the state still expires 10 s after the last call.
/// </summary>
public sealed class TypingCoalescingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TypingInALoop_IsAnnouncedOncePerInterval_AndKeepsTheStateAlive()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        for (var i = 0; i < 50; i++)
        {
            var body = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}"""));
            Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(10), body["expiresAt"]!.GetValue<DateTimeOffset>());
            host.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 50 calls over 5 s: announced at 0, 2 and 4 s.
        Assert.Equal(3, TypingEvents(host).Count);
        Assert.All(TypingEvents(host), e => Assert.Equal(EventAudience.Conversation(id), e.Audience));
        var state = await host.Typing.GetAsync(id, "alice", CancellationToken.None);
        Assert.Equal(host.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(100) + TimeSpan.FromSeconds(10), state!.ExpiresAt);
    }

    [Fact]
    public async Task AlternatingTrueAndFalse_IsOneStartAndOneStopPerInterval_AndTheTimerRemovesTheRestSilently()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        var sweeper = host.Services.GetRequiredService<TypingSweeper>();

        for (var i = 0; i < 20; i++)
        {
            await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", $$"""{"isTyping":{{(i % 2 == 0 ? "true" : "false")}}}"""));
            host.Clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        // 20 calls within one interval: the first start and the first stop only; the rest stays hidden.
        Assert.Equal([true, false], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).IsTyping));

        host.Clock.Advance(Interval);
        var report = await sweeper.RunAsync(new ListPublisher(host.Events), CancellationToken.None);

        Assert.Equal(0, report.Announced);
        Assert.Equal([true, false], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).IsTyping));
        Assert.Equal(0, host.Typing.Count);
    }

    [Fact]
    public async Task Stop_IsAnnouncedAtOnce_InsideOrAfterTheInterval_AndNothingMoreWhenItRunsOut()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        var sweeper = host.Services.GetRequiredService<TypingSweeper>();

        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        host.Clock.Advance(TimeSpan.FromMilliseconds(300));
        await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":false}"""));
        host.Clock.Advance(Interval);
        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        host.Clock.Advance(Interval);
        await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":false}"""));
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var report = await sweeper.RunAsync(new ListPublisher(host.Events), CancellationToken.None);

        Assert.Equal([true, false, true, false], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).IsTyping));
        Assert.Equal(0, report.Announced);
        Assert.Equal(0, host.Typing.Count);
    }

    [Fact]
    public async Task ConcurrentTypingCalls_OfOneUser_AreAnnouncedOnce()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var clients = Enumerable.Range(0, 16).Select(_ => host.ClientFor(Alice)).ToList();

        var answers = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(TypingEvents(host));
        Assert.Equal(1, host.Typing.Count);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Typing_IsAnnouncedAgain_WhenTheTimerClaimedTheStateBetweenReadAndWrite()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        host.Clock.Advance(TimeSpan.FromSeconds(11));
        var due = Assert.Single(await host.Typing.GetDueAsync(host.Clock.GetUtcNow(), 10, CancellationToken.None));
        var claimedOnce = false;
        host.Typing.BeforeTrySet = _ =>
        {
            if (!claimedOnce)
            {
                claimedOnce = true;
                host.Typing.TryClaimAsync(due, host.Clock.GetUtcNow().AddSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
            }
        };

        var body = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}"""));

        Assert.True(body["isTyping"]!.GetValue<bool>());
        Assert.Equal(2, TypingEvents(host).Count);
        var state = await host.Typing.GetAsync(id, "alice", CancellationToken.None);
        Assert.Null(state!.ClaimedUntil);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(10), state.ExpiresAt);
    }

    [Fact]
    public async Task EachUser_IsCoalescedOnItsOwn()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var alice = host.ClientFor(Alice);
        using var bob = host.ClientFor(Bob);

        for (var i = 0; i < 5; i++)
        {
            await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
            await bob.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        }

        // One announcement each, to the conversation's group.
        Assert.Equal(2, TypingEvents(host).Count);
        Assert.Equal(["alice", "bob"], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).UserId).Order());
    }

    [Fact]
    public async Task TypingAgain_AfterTheTimerEndedIt_IsAnnounced()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        var sweeper = host.Services.GetRequiredService<TypingSweeper>();
        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await sweeper.RunAsync(new ListPublisher(host.Events), CancellationToken.None);

        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");

        Assert.Equal([true, false, true], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).IsTyping));
    }

    [Fact]
    public async Task ZeroInterval_AnnouncesEveryCall()
    {
        await using var host = await ChatApiHost.StartAsync(new Dictionary<string, string?> { ["Chat:TypingEventInterval"] = "00:00:00" });
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        for (var i = 0; i < 3; i++)
        {
            await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        }

        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":false}""");

        Assert.Equal([true, true, true, false], TypingEvents(host).Select(e => ((TypingEvent)e.Payload).IsTyping));
    }

    [Theory]
    [InlineData("00:00:10")]
    [InlineData("00:00:11")]
    [InlineData("-00:00:01")]
    public async Task Startup_Fails_WhenTheIntervalIsNotBelowTheTimeout(string interval)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ChatApiHost.StartAsync(new Dictionary<string, string?> { ["Chat:TypingEventInterval"] = interval }));
    }

    private static List<RealtimeEvent> TypingEvents(ChatApiHost host) => host.Events.Where(e => e.Target == EventTargets.Typing).ToList();

    /// <summary>Records what the typing timer publishes into the host's event list.</summary>
    private sealed class ListPublisher(System.Collections.Concurrent.ConcurrentQueue<RealtimeEvent> events) : IRealtimePublisher
    {
        public Task PublishAsync(IReadOnlyList<RealtimeEvent> published, CancellationToken cancellationToken)
        {
            foreach (var e in published)
            {
                events.Enqueue(e);
            }

            return Task.CompletedTask;
        }

        public Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
