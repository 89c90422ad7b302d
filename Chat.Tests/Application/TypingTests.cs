using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class TypingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SetTyping_True_NotifiesTheConversationGroupOnce_WithExpiry()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);

        var result = await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);

        var expected = new TypingEvent(id, "alice", true, h.Clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        var e = Assert.Single(result.Events);
        Assert.Equal(EventTargets.Typing, e.Target);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        Assert.Equal(expected, e.Payload);
    }

    [Fact]
    public async Task SetTyping_False_NotifiesOnce_ThenIsQuiet()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);
        h.Clock.Advance(h.Options.TypingEventInterval);

        var stop = await h.TypingService.SetAsync(Alice, id, new TypingRequest(false), None);
        var again = await h.TypingService.SetAsync(Alice, id, new TypingRequest(false), None);

        Assert.Equal(new TypingEvent(id, "alice", false, null), Assert.Single(stop.Events).Payload);
        Assert.Empty(again.Events);
        Assert.Equal(0, h.Typing.ShownCount);
    }

    [Fact]
    public async Task SetTyping_ByNonParticipant_IsNotFound_AndStoresNothing()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.TypingService.SetAsync(Mallory, id, new TypingRequest(true), None));

        Assert.Equal(ErrorCodes.ConversationNotFound, error.Error.Code);
        Assert.Equal(0, h.Typing.Count);
    }

    [Fact]
    public async Task Sweep_AnnouncesEndOfTyping_OnlyAfterTimeout_AndOnlyOnce()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var publisher = new RecordingPublisher();
        await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);

        h.Clock.Advance(TimeSpan.FromSeconds(9));
        var early = await h.Sweeper.RunAsync(publisher, None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await h.Sweeper.RunAsync(publisher, None);
        var after = await h.Sweeper.RunAsync(publisher, None);

        Assert.Equal(0, early.Announced);
        Assert.Equal(1, due.Announced);
        Assert.Equal(0, after.Due);
        var e = Assert.Single(publisher.Published);
        Assert.Equal(RealtimeEvent.ToConversation(EventTargets.Typing, id, new TypingEvent(id, "alice", false, null)), e);
    }

    [Fact]
    public async Task Sweep_DoesNotEndTyping_ThatWasRefreshed()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var publisher = new RecordingPublisher();
        await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);
        h.Clock.Advance(TimeSpan.FromSeconds(8));
        await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);
        h.Clock.Advance(TimeSpan.FromSeconds(8));

        var report = await h.Sweeper.RunAsync(publisher, None);

        Assert.Equal(0, report.Due);
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task Sweep_WhenPublishFails_RetriesAfterClaimLapses_SoNothingIsLost()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var publisher = new RecordingPublisher { Fail = true };
        await h.TypingService.SetAsync(Alice, id, new TypingRequest(true), None);
        h.Clock.Advance(TimeSpan.FromSeconds(11));

        var failed = await h.Sweeper.RunAsync(publisher, None);
        publisher.Fail = false;
        var whileClaimed = await h.Sweeper.RunAsync(publisher, None);
        h.Clock.Advance(h.Options.TypingSweepClaim);
        var retried = await h.Sweeper.RunAsync(publisher, None);

        Assert.Equal(1, failed.Failed);
        Assert.Equal(0, whileClaimed.Due);
        Assert.Equal(1, retried.Announced);
        Assert.Single(publisher.Published);
        Assert.Equal(0, h.Typing.Count);
    }

    [Fact]
    public async Task Sweep_TwoRunsAtOnce_AnnounceEachExpiryOnce()
    {
        var h = new ChatHarness();
        var publisher = new RecordingPublisher();
        var conversations = new List<string>();
        foreach (var other in new[] { Bob, Carol, Mallory })
        {
            var id = await h.DirectAsync(Alice, other);
            conversations.Add(id);
            await h.TypingService.SetAsync(other, id, new TypingRequest(true), None);
        }

        h.Clock.Advance(TimeSpan.FromSeconds(11));
        var other2 = new Chat.Shared.Application.TypingSweeper(h.Deps, Microsoft.Extensions.Logging.Abstractions.NullLogger<Chat.Shared.Application.TypingSweeper>.Instance);
        var started = 0;
        h.Typing.BeforeClaim = _ => Interlocked.Increment(ref started);

        var runs = await Task.WhenAll(Task.Run(() => h.Sweeper.RunAsync(publisher, None)), Task.Run(() => other2.RunAsync(publisher, None)));

        Assert.Equal(3, runs.Sum(r => r.Announced));
        Assert.Equal(3, publisher.Published.Count);
        Assert.Equal(3, publisher.Published.Select(e => ((TypingEvent)e.Payload).ConversationId).Distinct().Count());
        Assert.All(publisher.Published, e => Assert.Equal(e.Audience.ConversationId, ((TypingEvent)e.Payload).ConversationId));
        Assert.Equal(["bob", "carol", "mallory"], publisher.Published.Select(e => ((TypingEvent)e.Payload).UserId).Order());
    }

    [Fact]
    public async Task Sweep_CostFollowsPeopleTyping_NotConversations()
    {
        var h = new ChatHarness();
        var publisher = new RecordingPublisher();
        for (var i = 0; i < 30; i++)
        {
            await h.DirectAsync(Alice, new ChatUser($"user{i}", null));
        }

        var typingIn = await h.DirectAsync(Alice, Bob);
        await h.TypingService.SetAsync(Bob, typingIn, new TypingRequest(true), None);
        h.Clock.Advance(TimeSpan.FromSeconds(11));
        h.Store.Calls.Clear();

        await h.Sweeper.RunAsync(publisher, None);

        Assert.Equal(1, h.Typing.GetDueCalls);
        Assert.Empty(h.Store.Calls);
        Assert.Single(publisher.Published);
    }
}
