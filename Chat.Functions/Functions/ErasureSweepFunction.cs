using Chat.Functions.Realtime;
using Chat.Shared.Application;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// Advances running user erasures (schedule: <c>Chat:ErasureSweepSchedule</c>, default every minute): each a bounded
/// number of steps per run, resumed from its stored position, so an erasure survives restarts. Publishes the events of
/// what it did through <see cref="SignalRHub"/>.
/// </summary>
public sealed class ErasureSweepFunction(ErasureSweeper sweeper, SignalRHub hub, ILogger<ErasureSweepFunction> logger)
{
    [Function(nameof(ErasureSweep))]
    public async Task ErasureSweep([TimerTrigger("%Chat:ErasureSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await sweeper.RunAsync(hub, cancellationToken);
        logger.LogInformation("Erasure sweep: {Running} running, {Completed} completed", report.Running, report.Completed);
    }
}
