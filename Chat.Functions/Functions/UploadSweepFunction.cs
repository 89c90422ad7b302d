using Chat.Shared.Application;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>Removes uploads no message used (schedule: <c>Chat:UploadSweepSchedule</c>, default every 15 minutes).</summary>
public sealed class UploadSweepFunction(AbandonedUploadSweeper sweeper, ILogger<UploadSweepFunction> logger)
{
    [Function(nameof(UploadSweep))]
    public async Task UploadSweep([TimerTrigger("%Chat:UploadSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await sweeper.RunAsync(cancellationToken);
        logger.LogInformation("Upload sweep: {Abandoned} abandoned, {Removed} removed, {BlobFailures} blob deletions failed",
            report.Abandoned, report.Removed, report.BlobFailures);
    }
}
