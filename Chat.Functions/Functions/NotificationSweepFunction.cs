using Chat.Shared.Application;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// Publishes <c>chat.notification.due</c> for messages still unread after <c>Chat:Notifications:Delay</c>
/// (schedule: <c>Chat:Notifications:SweepSchedule</c>, default every 10 s).
/// </summary>
public sealed class NotificationSweepFunction(NotificationSweeper sweeper, ILogger<NotificationSweepFunction> logger)
{
    [Function(nameof(NotificationSweep))]
    public async Task NotificationSweep([TimerTrigger("%Chat:Notifications:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await sweeper.RunAsync(cancellationToken);
        logger.LogDebug("Notification sweep: {Due} conversations due, {Notified} notifications published, {Failed} left for a later sweep",
            report.Due, report.Notified, report.Failed);
    }
}
