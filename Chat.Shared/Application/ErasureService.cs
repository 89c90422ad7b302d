using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>
/// Erases a user's data (GDPR erasure, <c>DELETE /api/server/users/{userId}</c>) as a resumable job: an
/// <see cref="ErasureJob"/> in the user's partition says how far it got, every step does one bounded piece of work and
/// then stores its new position under the job's ETag. The request starts (or resumes) the job and runs the first steps;
/// the erasure timer (<see cref="ErasureSweeper"/>) runs the rest. A step that is repeated (a crash between its work and
/// its position, two workers at once) changes nothing the second time. What happens to each kind of document is
/// <see cref="UserDataKinds.Handling"/>.
/// </summary>
public sealed class ErasureService(
    ChatDependencies deps, IProfileStore profiles, IUserDataStore data, IEventStateStore notifications, MembershipService membership,
    ILogger<ErasureService> logger)
{
    private const int PageSize = 100;

    private readonly ServerOptions _server = deps.Options.Server;

    /// <summary>
    /// Starts an erasure (202), or resumes the running one; a completed one is started again as a new pass (which finds
    /// nothing left when nothing new was written). Runs <see cref="ServerOptions.ErasureStepsPerRequest"/> steps and
    /// answers with the job and the events of what it did; 200 once the erasure completed.
    /// </summary>
    public async Task<ChatResult<ErasureDto>> EraseAsync(string? userId, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        var job = await deps.RetryOnContentionAsync(async () =>
        {
            var current = (await profiles.ReadUserAsync(id, cancellationToken)).Erasure;
            return current is { IsRunning: true } ? current : await profiles.TryPutErasureAsync(ErasureJob.Start(id, current, deps.Clock.GetUtcNow()), cancellationToken);
        }, cancellationToken);
        var run = await RunAsync(job, _server.ErasureStepsPerRequest, cancellationToken);
        return new ChatResult<ErasureDto>(Views.Erasure(run.Job), run.Events) { Groups = run.Groups };
    }

    /// <summary>The user's last erasure, or 404 <c>user.not_found</c> when none was started.</summary>
    public async Task<ErasureDto> GetAsync(string? userId, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        return (await profiles.ReadUserAsync(id, cancellationToken)).Erasure is { } job ? Views.Erasure(job) : throw ProfileService.UserNotFound();
    }

    /// <summary>
    /// Runs up to <paramref name="maxSteps"/> steps of a running erasure (fewer when it completes or must wait for the
    /// projections to settle). A step whose position lost a race reads the job again and goes on from there.
    /// </summary>
    public async Task<ErasureRun> RunAsync(ErasureJob job, int maxSteps, CancellationToken cancellationToken)
    {
        var events = new List<RealtimeEvent>();
        var groups = new List<GroupChange>();
        for (var step = 0; step < maxSteps && job.IsRunning; step++)
        {
            var outcome = await StepAsync(job, cancellationToken);
            events.AddRange(outcome.Events);
            groups.AddRange(outcome.Groups);
            if (outcome.Waiting)
            {
                break;
            }

            var stored = await profiles.TryPutErasureAsync(outcome.Job with { UpdatedAt = deps.Clock.GetUtcNow() }, cancellationToken);
            if (stored is not null)
            {
                job = stored;
                continue;
            }

            if ((await profiles.ReadUserAsync(job.UserId, cancellationToken)).Erasure is not { } current)
            {
                break;
            }

            job = current;
        }

        return new ErasureRun(job, events, groups);
    }

    private async Task<StepOutcome> StepAsync(ErasureJob job, CancellationToken cancellationToken)
    {
        var now = deps.Clock.GetUtcNow();
        return job.Phase switch
        {
            ErasurePhase.Conversations when job.ConversationId is null => await FirstConversationAsync(job, now, cancellationToken),
            ErasurePhase.Conversations when job.Stage == ErasureStage.Messages => await MessagesAsync(job, cancellationToken),
            ErasurePhase.Conversations => await MembershipAsync(job, now, cancellationToken),
            ErasurePhase.Lists => await ListsAsync(job, now, cancellationToken),
            ErasurePhase.Profile => await ProfileAsync(job, now, cancellationToken),
            ErasurePhase.Settle when now < job.SettleUntil => new StepOutcome(job, [], [], Waiting: true),
            _ => new StepOutcome(job.NextPhase(now, _server.ErasureSettleDelay), [], []),
        };
    }

    private async Task<StepOutcome> FirstConversationAsync(ErasureJob job, DateTimeOffset now, CancellationToken cancellationToken) =>
        await NextConversationAsync(job.UserId, null, cancellationToken) is { } first
            ? new StepOutcome(job with { ConversationId = first, Stage = ErasureStage.Messages, AfterSequence = 0 }, [], [])
            : new StepOutcome(job.NextPhase(now, _server.ErasureSettleDelay), [], []);

    /// <summary>
    /// One batch of the user's messages in the current conversation becomes tombstones in one conversation write (their
    /// blobs deleted after it); the last batch moves on to the membership.
    /// </summary>
    private async Task<StepOutcome> MessagesAsync(ErasureJob job, CancellationToken cancellationToken)
    {
        var conversationId = job.ConversationId!;
        var batch = await data.GetMessagesBySenderAsync(conversationId, job.UserId, job.AfterSequence, _server.ErasureBatchSize, cancellationToken);
        var erased = batch.Count == 0 ? [] : await EraseMessagesAsync(conversationId, batch.Select(m => m.Id).ToList(), cancellationToken);
        foreach (var attachment in erased.SelectMany(e => e.Attachments))
        {
            await DeleteBlobAsync(attachment.BlobName, cancellationToken);
        }

        var events = erased.Where(e => e.Tombstoned)
            .Select(e => RealtimeEvent.ToConversation(EventTargets.MessageDeleted, conversationId,
                new MessageDeletedEvent(conversationId, e.Message.Id, e.Message.Sequence, e.Message.DeletedAt!.Value)))
            .ToList();
        var next = job with
        {
            AfterSequence = batch.Count > 0 ? batch[^1].Sequence : job.AfterSequence,
            Stage = batch.Count < _server.ErasureBatchSize ? ErasureStage.Membership : ErasureStage.Messages,
            MessagesErased = job.MessagesErased + erased.Count,
        };
        return new StepOutcome(next, events, []);
    }

    /// <summary>The messages erased in one conditional write of the conversation (retried on a lost race).</summary>
    private async Task<IReadOnlyList<ErasedMessage>> EraseMessagesAsync(string conversationId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken) =>
        await deps.RetryOnContentionAsync<IReadOnlyList<ErasedMessage>>(async () =>
        {
            var items = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MessageIds = messageIds }, cancellationToken);
            if (items.Conversation is not { } conversation)
            {
                return [];
            }

            var now = deps.Clock.GetUtcNow();
            var write = new ConversationWrite(conversation);
            var erased = new List<ErasedMessage>();
            foreach (var message in messageIds.Select(id => items.Messages.GetValueOrDefault(id)).OfType<Message>())
            {
                if (message.Erased(now) is not { } changed)
                {
                    continue;
                }

                changed = changed with { Change = write.NextChange() };
                write.ChangedMessages.Add(changed);
                erased.Add(new ErasedMessage(changed, message.Attachments, !message.IsDeleted));
                if (conversation.LastMessage?.MessageId == message.Id)
                {
                    write.Conversation = conversation with { LastMessage = changed.ToPreview() };
                }
            }

            return erased.Count == 0 ? erased : await deps.Store.TryCommitAsync(write, cancellationToken) == CommitOutcome.Committed ? erased : null;
        }, cancellationToken);

    /// <summary>
    /// The user leaves the current conversation (removed by the server, with the usual system message and events), and
    /// their uploads, typing state, member and delivery documents, list entry and reference are deleted and their
    /// position leaves the conversation's notification window; then the next conversation.
    /// </summary>
    private async Task<StepOutcome> MembershipAsync(ErasureJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (conversationId, userId) = (job.ConversationId!, job.UserId);
        var removal = await RemoveAsync(conversationId, userId, cancellationToken);
        var deleted = 0;
        foreach (var reservation in await data.GetAttachmentsByUploaderAsync(conversationId, userId, PageSize, cancellationToken))
        {
            await DeleteBlobAsync(reservation.BlobName, cancellationToken);
            deleted += await data.DeleteAttachmentAsync(conversationId, reservation.Id, cancellationToken) ? 1 : 0;
        }

        await deps.Typing.RemoveAsync(conversationId, userId, cancellationToken);
        await ForgetNotificationsAsync(conversationId, userId, cancellationToken);
        deleted += await data.DeleteMemberAsync(conversationId, userId, cancellationToken);
        deleted += await data.DeleteListEntryAsync(userId, conversationId, cancellationToken) ? 1 : 0;
        deleted += await profiles.DeleteConversationRefAsync(userId, conversationId, cancellationToken) ? 1 : 0;
        var counted = job with
        {
            ConversationsLeft = job.ConversationsLeft + (removal.Events.Count > 0 ? 1 : 0),
            DocumentsDeleted = job.DocumentsDeleted + deleted,
        };
        var next = await NextConversationAsync(userId, conversationId, cancellationToken) is { } following
            ? counted with { ConversationId = following, Stage = ErasureStage.Messages, AfterSequence = 0 }
            : counted.NextPhase(now, _server.ErasureSettleDelay);
        return new StepOutcome(next, removal.Events, removal.Groups);
    }

    private async Task<ChatResult<ServerConversationDto?>> RemoveAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await membership.RemoveForErasureAsync(conversationId, userId, cancellationToken);
            return new ChatResult<ServerConversationDto?>(result.Value, result.Events) { Groups = result.Groups };
        }
        catch (ChatException ex) when (ex.Error.Code == ErrorCodes.ConversationNotFound)
        {
            return ChatResult.Quiet<ServerConversationDto?>(null);
        }
    }

    /// <summary>
    /// The user's settled position leaves the conversation's notification window, under the state's ETag (a lost race
    /// with the event publisher or a sweep reads again). The state is written even when it holds no position of the
    /// user: a sweep that read the members before the removal and settles after this read then loses its conditional
    /// write, reads the members again and no longer settles the user.
    /// </summary>
    private async Task ForgetNotificationsAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        await deps.RetryOnContentionAsync(async () =>
            (await notifications.ReadAsync([conversationId], cancellationToken)).GetValueOrDefault(conversationId) is { } state
                ? await notifications.TrySaveAsync(state.Forgetting(userId), cancellationToken)
                : ConversationEventState.New(conversationId),
            cancellationToken);

    /// <summary>A page of the user's remaining list entries deleted (late projections' entries included).</summary>
    private async Task<StepOutcome> ListsAsync(ErasureJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entries = await data.GetAllListEntriesAsync(job.UserId, null, PageSize, cancellationToken);
        var deleted = 0;
        foreach (var entry in entries)
        {
            deleted += await data.DeleteListEntryAsync(job.UserId, entry.ConversationId, cancellationToken) ? 1 : 0;
        }

        var counted = job with { DocumentsDeleted = job.DocumentsDeleted + deleted };
        return new StepOutcome(entries.Count < PageSize ? counted.NextPhase(now, _server.ErasureSettleDelay) : counted, [], []);
    }

    /// <summary>The user's directory entries (every bucket the profile may have left one in) and the profile.</summary>
    private async Task<StepOutcome> ProfileAsync(ErasureJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if ((await profiles.ReadUserAsync(job.UserId, cancellationToken)).Profile is { } profile)
        {
            foreach (var bucket in profile.DirectoryBuckets.Append(profile.DirectoryBucket).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                deleted += await profiles.DeleteDirectoryEntryAsync(bucket, job.UserId, cancellationToken) ? 1 : 0;
            }

            deleted += await profiles.DeleteProfileAsync(job.UserId, cancellationToken) ? 1 : 0;
        }

        deleted += await deps.Presence.DeleteAsync(job.UserId, cancellationToken) ? 1 : 0;

        return new StepOutcome(job.NextPhase(now, _server.ErasureSettleDelay) with { DocumentsDeleted = job.DocumentsDeleted + deleted }, [], []);
    }

    /// <summary>
    /// The first conversation after <paramref name="after"/> (in id order) that the user is or was in: the lower of the
    /// next conversation reference and the next member document (a cross-partition query, which also finds memberships
    /// the profile fill has not recorded yet).
    /// </summary>
    private async Task<string?> NextConversationAsync(string userId, string? after, CancellationToken cancellationToken)
    {
        var references = await profiles.GetConversationRefsAsync(userId, after, 1, cancellationToken);
        var memberships = await data.GetMembershipsAsync(userId, after, 1, cancellationToken);
        return new[] { references.Count > 0 ? references[0].ConversationId : null, memberships.Count > 0 ? memberships[0] : null }
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await deps.Attachments.DeleteAsync(blobName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not delete blob {BlobName} during an erasure", blobName);
        }
    }

    private sealed record StepOutcome(ErasureJob Job, IReadOnlyList<RealtimeEvent> Events, IReadOnlyList<GroupChange> Groups, bool Waiting = false);

    private sealed record ErasedMessage(Message Message, IReadOnlyList<Attachment> Attachments, bool Tombstoned);
}

/// <summary>What a run of erasure steps did: the job as it is now, and the events and group changes to publish.</summary>
public sealed record ErasureRun(ErasureJob Job, IReadOnlyList<RealtimeEvent> Events, IReadOnlyList<GroupChange> Groups);

/// <summary>
/// The erasure timer: advances every running erasure by <see cref="ServerOptions.ErasureStepsPerRun"/> steps and
/// publishes what they did. Cost follows the running erasures (one cross-partition query of them per run).
/// </summary>
public sealed class ErasureSweeper(ChatDependencies deps, IProfileStore profiles, ErasureService erasure, ILogger<ErasureSweeper> logger)
{
    public async Task<ErasureSweepReport> RunAsync(IRealtimePublisher publisher, CancellationToken cancellationToken)
    {
        var running = await profiles.GetRunningErasuresAsync(deps.Options.Server.ErasureSweepBatchSize, cancellationToken);
        var completed = 0;
        foreach (var job in running)
        {
            var run = await erasure.RunAsync(job, deps.Options.Server.ErasureStepsPerRun, cancellationToken);
            completed += run.Job.IsRunning ? 0 : 1;
            try
            {
                if (run.Groups.Count > 0)
                {
                    await publisher.ApplyGroupChangesAsync(run.Groups, cancellationToken);
                }

                if (run.Events.Count > 0)
                {
                    await publisher.PublishAsync(run.Events, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The erasure itself is stored; clients catch up with sync and changes.
                logger.LogWarning(ex, "Publishing the events of an erasure failed for {UserId}", job.UserId);
            }
        }

        return new ErasureSweepReport(running.Count, completed);
    }
}

/// <summary>What one erasure timer run found and finished.</summary>
public sealed record ErasureSweepReport(int Running, int Completed);
