using Chat.Shared.Domain;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>
/// Removes uploads no message used: reservations whose upload URL expired more than
/// <see cref="ChatOptions.AbandonedUploadGrace"/> ago. The reservation is deleted first, under its ETag (a send that
/// used it meanwhile wins, and a later send of it fails cleanly), then its blob. This does not depend on the client
/// tagging its upload; the storage lifecycle rule stays as a second line. Cost follows the abandoned uploads only.
/// </summary>
public sealed class AbandonedUploadSweeper(ChatDependencies deps, ILogger<AbandonedUploadSweeper> logger)
{
    public async Task<UploadSweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = deps.Clock.GetUtcNow() - deps.Options.AbandonedUploadGrace;
        var abandoned = await deps.Store.GetAbandonedAttachmentsAsync(cutoff, deps.Options.UploadSweepBatchSize, cancellationToken);
        var removed = 0;
        var blobFailures = 0;
        foreach (var reservation in abandoned)
        {
            if (!await deps.Store.TryDeleteAttachmentAsync(reservation, cancellationToken))
            {
                continue;
            }

            removed++;
            try
            {
                await deps.Attachments.DeleteAsync(reservation.BlobName, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                blobFailures++;
                logger.LogWarning(ex, "Could not delete the blob of abandoned upload {AttachmentId} in {ConversationId}", reservation.Id, reservation.ConversationId);
            }
        }

        return new UploadSweepReport(abandoned.Count, removed, blobFailures);
    }
}

/// <summary>What one upload sweep found and removed.</summary>
public sealed record UploadSweepReport(int Abandoned, int Removed, int BlobFailures);
