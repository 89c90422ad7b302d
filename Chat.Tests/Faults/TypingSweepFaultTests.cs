using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Faults;

/// <summary>
/// Two typing sweeps at once (two timer instances, or a run that overlaps the previous one), forced to interleave:
/// the second runs to the end while the first is inside its first publish, so the first works from a stale list of
/// due states. Each expiry is announced exactly once by the runs whose publish succeeded; a failed publish is
/// announced again once its claim lapses, never twice.
/// </summary>
public class TypingSweepFaultTests
{
    private const int Typists = 10;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Sweep_AnnouncesEachExpiryOnce_WhenASecondSweepRunsDuringTheFirstsPublish()
    {
        var h = new ChatHarness();
        var expected = await TypistsAsync(h);
        var published = new RecordingPublisher();
        var second = NewSweeper(h);
        TypingSweepReport? secondReport = null;
        var first = new InterleavingPublisher(published, async () => secondReport = await second.RunAsync(published, None));

        var firstReport = await h.Sweeper.RunAsync(first, None);

        Assert.Equal(Typists, firstReport.Due);
        Assert.Equal(1, firstReport.Announced);
        Assert.Equal(Typists - 1, secondReport!.Announced);
        Assert.Equal(expected, Announced(published));
        Assert.Equal(0, h.Typing.Count);
    }

    [Fact]
    public async Task Sweep_ReannouncesOnlyTheFailedClaim_AfterItLapses_WhenOneOfTwoConcurrentSweepsCannotPublish()
    {
        var h = new ChatHarness();
        var expected = await TypistsAsync(h);
        var published = new RecordingPublisher();
        var second = NewSweeper(h);
        TypingSweepReport? secondReport = null;
        var failing = new InterleavingPublisher(new RecordingPublisher { Fail = true }, async () => secondReport = await second.RunAsync(published, None));

        var firstReport = await h.Sweeper.RunAsync(failing, None);
        var whileClaimed = await second.RunAsync(published, None);
        h.Clock.Advance(h.Options.TypingSweepClaim);
        var afterLapse = await second.RunAsync(published, None);

        Assert.Equal((1, 0), (firstReport.Failed, firstReport.Announced));
        Assert.Equal(Typists - 1, secondReport!.Announced);
        Assert.Equal(0, whileClaimed.Due);
        Assert.Equal(1, afterLapse.Announced);
        Assert.Equal(expected, Announced(published));
        Assert.Equal(0, h.Typing.Count);
    }

    /// <summary>Ten people typing in ten conversations, all expired; returns who should be told about whom.</summary>
    private static async Task<List<string>> TypistsAsync(ChatHarness h)
    {
        var expected = new List<string>();
        for (var i = 0; i < Typists; i++)
        {
            var typist = new ChatUser($"typist{i}", null);
            var id = await h.DirectAsync(Alice, typist);
            await h.TypingService.SetAsync(typist, id, new TypingRequest(true), None);
            expected.Add($"{id}/{typist.Id}");
        }

        h.Clock.Advance(h.Options.TypingTimeout + TimeSpan.FromSeconds(1));
        return expected.Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Announced(RecordingPublisher publisher) =>
        publisher.Published
            .Select(e => (Group: e.Audience.ConversationId, Typing: (TypingEvent)e.Payload))
            .Where(e => e.Typing.IsTyping is false && e.Group == e.Typing.ConversationId)
            .Select(e => $"{e.Typing.ConversationId}/{e.Typing.UserId}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static TypingSweeper NewSweeper(ChatHarness h) => new(h.Deps, NullLogger<TypingSweeper>.Instance);

    /// <summary>Runs <paramref name="during"/> inside its first publish, then hands every publish to <paramref name="inner"/>.</summary>
    private sealed class InterleavingPublisher(IRealtimePublisher inner, Func<Task> during) : IRealtimePublisher
    {
        private Func<Task>? _during = during;

        public async Task PublishAsync(IReadOnlyList<RealtimeEvent> events, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _during, null) is { } run)
            {
                await run();
            }

            await inner.PublishAsync(events, cancellationToken);
        }

        public Task ApplyGroupChangesAsync(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken) =>
            inner.ApplyGroupChangesAsync(changes, cancellationToken);
    }
}
