using Chat.Functions.Realtime;
using Chat.Shared.Application;
using Chat.Shared.Realtime;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// Renews the presence of connections SignalR Service still has, closes those it does not (their <c>disconnected</c>
/// event was lost), and ends offline graces (schedule: <c>Chat:PresenceSweepSchedule</c>, default every 10 s).
/// </summary>
public sealed class PresenceSweepFunction(PresenceSweeper sweeper, SignalRHub hub, ILogger<PresenceSweepFunction> logger)
{
    [Function(nameof(PresenceSweep))]
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public async Task<object[]> PresenceSweep([TimerTrigger("%Chat:PresenceSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await sweeper.RunAsync(hub, cancellationToken);
        logger.LogDebug("Presence sweep: {Due} due, {Asked} connections checked, {Unanswered} unanswered, {Failed} left for the next run, {Events} events",
            report.Due, report.Asked, report.Unanswered, report.Failed, report.Events.Count);
        return SignalROutputs.From(report.Events);
    }
}
