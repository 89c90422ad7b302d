using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public sealed class TypingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChatOptions Options = new() { TypingTimeout = TimeSpan.FromSeconds(10), TypingEventInterval = TimeSpan.FromSeconds(2) };

    [Fact]
    public void Start_IsAnnounced_WithoutAState()
    {
        var (next, announce) = TypingRules.Start(null, "c", "u", Now, Options);

        Assert.True(announce);
        Assert.Equal(new TypingState("c", "u", Now.AddSeconds(10), AnnouncedAt: Now), next);
    }

    [Fact]
    public void Start_OnlyMovesTheExpiry_InsideTheIntervalOfTheLastAnnouncement()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(9), ETag: "e1", AnnouncedAt: Now.AddSeconds(-1.9));

        var (next, announce) = TypingRules.Start(current, "c", "u", Now, Options);

        Assert.False(announce);
        Assert.Equal(current with { ExpiresAt = Now.AddSeconds(10) }, next);
    }

    [Fact]
    public void Start_IsAnnounced_OnceTheIntervalIsOver()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(8), AnnouncedAt: Now.AddSeconds(-2));

        var (next, announce) = TypingRules.Start(current, "c", "u", Now, Options);

        Assert.True(announce);
        Assert.Equal(Now, next.AnnouncedAt);
    }

    [Fact]
    public void Start_IsAnnounced_WhenTheTimerClaimedTheState_EvenInsideTheInterval()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(-0.5), ClaimedUntil: Now.AddSeconds(30), AnnouncedAt: Now.AddSeconds(-1));

        Assert.True(TypingRules.Start(current, "c", "u", Now, Options).Announce);
    }

    [Fact]
    public void Start_IsAnnounced_ForAStateWithoutAnnouncementTime()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(5));

        Assert.True(TypingRules.Start(current, "c", "u", Now, Options).Announce);
    }

    [Fact]
    public void Start_IsAlwaysAnnounced_WithAZeroInterval()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(9), AnnouncedAt: Now);

        Assert.True(TypingRules.Start(current, "c", "u", Now, new ChatOptions { TypingEventInterval = TimeSpan.Zero }).Announce);
    }

    [Fact]
    public void DeferredStop_EndsTheStateWhenTheIntervalIsOver_InsideIt()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(9.5), AnnouncedAt: Now.AddSeconds(-0.5));

        Assert.Equal(current with { ExpiresAt = Now.AddSeconds(1.5) }, TypingRules.DeferredStop(current, Now, Options));
    }

    [Fact]
    public void DeferredStop_KeepsAnEarlierExpiry()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(-0.1), AnnouncedAt: Now.AddSeconds(-1));

        Assert.Equal(current, TypingRules.DeferredStop(current, Now, Options));
    }

    [Fact]
    public void DeferredStop_IsNull_AfterTheIntervalOrWhenClaimed()
    {
        Assert.Null(TypingRules.DeferredStop(new TypingState("c", "u", Now.AddSeconds(8), AnnouncedAt: Now.AddSeconds(-2)), Now, Options));
        Assert.Null(TypingRules.DeferredStop(
            new TypingState("c", "u", Now, ClaimedUntil: Now.AddSeconds(30), AnnouncedAt: Now.AddSeconds(-1)), Now, Options));
    }
}
