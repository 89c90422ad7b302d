using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Load;

/// <summary>
/// Load and soak over real HTTP on the in-process test server (no network): 32 concurrent clients with a mixed
/// workload. Each test has a hard time limit; see docs/performance.md.
/// </summary>
public class MixedLoadTests
{
    private const int OperationsPerClient = 200;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 90_000)]
    public async Task MixedOperations_KeepEveryMessageAndExactUnreadCounts_With32ClientsInOneGroup()
    {
        using var deadline = new CancellationTokenSource(Limit);
        await using var scenario = await LoadScenario.OneGroupAsync();

        await scenario.RunAsync(OperationsPerClient, deadline.Token);

        await scenario.AssertConsistentAsync(deadline.Token);
    }

    [Fact(Timeout = 90_000)]
    public async Task MixedOperations_KeepEveryMessageAndExactUnreadCounts_With32ClientsInARingOfDirectConversations()
    {
        using var deadline = new CancellationTokenSource(Limit);
        await using var scenario = await LoadScenario.RingOfDirectsAsync();

        await scenario.RunAsync(OperationsPerClient, deadline.Token);

        await scenario.AssertConsistentAsync(deadline.Token);
    }

    [Fact(Timeout = 90_000)]
    public async Task Soak_KeepsInvariantsAndLeavesNoTypingState_AfterRepeatedRoundsAndSweeps()
    {
        using var deadline = new CancellationTokenSource(Limit);
        await using var scenario = await LoadScenario.RingOfDirectsAsync();
        var sweeper = scenario.Host.Services.GetRequiredService<TypingSweeper>();
        var publisher = new RecordingPublisher();

        for (var round = 0; round < 5; round++)
        {
            await scenario.RunAsync(OperationsPerClient / 4, deadline.Token);
            var typing = scenario.Host.Typing.ShownCount;
            scenario.Host.Clock.Advance(new ChatOptions().TypingTimeout + TimeSpan.FromSeconds(1));
            var sweep = await sweeper.RunAsync(publisher, deadline.Token);

            await scenario.AssertConsistentAsync(deadline.Token);
            Assert.True(typing > 0, "Each round leaves people typing.");
            Assert.Equal(typing, sweep.Announced);
            Assert.Equal(0, scenario.Host.Typing.Count);
        }

        var ended = publisher.Published.Select(e => (TypingEvent)e.Payload).ToList();
        Assert.All(ended, e => Assert.False(e.IsTyping));
        Assert.All(publisher.Published, e => Assert.Equal(EventTargets.Typing, e.Target));
    }
}
