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
    public void Stop_OfAnAnnouncedState_IsAnnouncedAtOnce_AndKeepsAHiddenPauseForTheInterval()
    {
        var current = new TypingState("c", "u", Now.AddSeconds(9.5), AnnouncedAt: Now.AddSeconds(-0.5));

        var stop = TypingRules.Stop(current, Now, Options);

        Assert.True(stop.Announce);
        Assert.Equal(current with { Hidden = true, AnnouncedAt = Now, ExpiresAt = Now + Options.TypingEventInterval }, stop.Keep);
    }

    [Fact]
    public void Stop_OfAnAnnouncedState_RemovesIt_WithAZeroInterval_OrWhenTheTimerClaimedIt()
    {
        var announced = new TypingState("c", "u", Now.AddSeconds(9), AnnouncedAt: Now.AddSeconds(-1));
        var claimed = new TypingState("c", "u", Now, ClaimedUntil: Now.AddSeconds(30), AnnouncedAt: Now.AddSeconds(-1));

        Assert.Equal(new TypingStop(null, true), TypingRules.Stop(announced, Now, new ChatOptions { TypingEventInterval = TimeSpan.Zero }));
        Assert.Equal(new TypingStop(null, true), TypingRules.Stop(claimed, Now, Options));
    }

    [Fact]
    public void Stop_OfAHiddenState_IsQuiet_EndingItWhenTheIntervalOfTheLastAnnouncementIsOver()
    {
        var hidden = new TypingState("c", "u", Now.AddSeconds(9.5), AnnouncedAt: Now.AddSeconds(-0.5), Hidden: true);
        var hiddenPastTheInterval = hidden with { AnnouncedAt = Now.AddSeconds(-3) };

        Assert.Equal(new TypingStop(hidden with { ExpiresAt = Now.AddSeconds(1.5) }, false), TypingRules.Stop(hidden, Now, Options));
        Assert.Equal(new TypingStop(null, false), TypingRules.Stop(hiddenPastTheInterval, Now, Options));
    }

    [Fact]
    public void Start_AfterAnAnnouncedStop_StaysHiddenInsideTheInterval_AndIsAnnouncedAfterIt()
    {
        var pause = TypingRules.Stop(new TypingState("c", "u", Now.AddSeconds(9), AnnouncedAt: Now.AddSeconds(-1)), Now, Options).Keep!;

        var inside = TypingRules.Start(pause, "c", "u", Now.AddSeconds(0.5), Options);
        var after = TypingRules.Start(inside.Next, "c", "u", Now + Options.TypingEventInterval, Options);

        Assert.False(inside.Announce);
        Assert.True(inside.Next.Hidden);
        Assert.Equal(Now.AddSeconds(0.5) + Options.TypingTimeout, inside.Next.ExpiresAt);
        Assert.True(after.Announce);
        Assert.False(after.Next.Hidden);
    }
}
