using Chat.Functions.Realtime;
using Chat.Shared.Application;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>Ends typing indicators whose time ran out (schedule: <c>Chat:TypingSweepSchedule</c>, default every 5 s).</summary>
public sealed class TypingSweepFunction(TypingSweeper sweeper, SignalRHub hub, ILogger<TypingSweepFunction> logger)
{
    [Function(nameof(TypingSweep))]
    public async Task TypingSweep([TimerTrigger("%Chat:TypingSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await sweeper.RunAsync(hub, cancellationToken);
        logger.LogDebug("Typing sweep: {Due} due, {Announced} announced, {Failed} left for the next run", report.Due, report.Announced, report.Failed);
    }
}
