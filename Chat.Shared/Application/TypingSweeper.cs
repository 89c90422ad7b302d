using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>
/// Ends typing states whose time ran out: claim each due state under its ETag (so two sweeps never both announce
/// it), publish <c>typing</c> with <c>isTyping: false</c> to the conversation's group, then remove the state; a hidden
/// state (<see cref="TypingState.Hidden"/>, never announced as typing) is removed without an event. A
/// claim whose publish failed lapses after <see cref="ChatOptions.TypingSweepClaim"/> and the next run announces
/// it again: exactly once normally, at least once under failure. Cost per run follows the number of due states: one
/// query, then per due state a claim, one SignalR message to the conversation's group and a delete.
/// </summary>
public sealed class TypingSweeper(ChatDependencies deps, ILogger<TypingSweeper> logger)
{
    public async Task<TypingSweepReport> RunAsync(IRealtimePublisher publisher, CancellationToken cancellationToken)
    {
        var now = deps.Clock.GetUtcNow();
        var due = await deps.Typing.GetDueAsync(now, deps.Options.TypingSweepBatchSize, cancellationToken);
        var announced = 0;
        var failed = 0;
        foreach (var state in due)
        {
            if (state.Hidden)
            {
                // The others were not told about it (a coalesced start, or the pause after an announced stop): remove it
                // silently, unless a call changed it meanwhile.
                await deps.Typing.TryCompleteAsync(state, cancellationToken);
                continue;
            }

            var claimed = await deps.Typing.TryClaimAsync(state, now + deps.Options.TypingSweepClaim, cancellationToken);
            if (claimed is null)
            {
                continue;
            }

            if (await TryPublishAsync(publisher, claimed, cancellationToken))
            {
                await deps.Typing.TryCompleteAsync(claimed, cancellationToken);
                announced++;
            }
            else
            {
                failed++;
            }
        }

        return new TypingSweepReport(due.Count, announced, failed);
    }

    private async Task<bool> TryPublishAsync(IRealtimePublisher publisher, TypingState state, CancellationToken cancellationToken)
    {
        var stopped = new TypingEvent(state.ConversationId, state.UserId, false, null);
        try
        {
            await publisher.PublishAsync([RealtimeEvent.ToConversation(EventTargets.Typing, state.ConversationId, stopped)], cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Publishing the end of typing failed for {ConversationId} {UserId}; the claim lapses and the next run retries",
                state.ConversationId, state.UserId);
            return false;
        }
    }
}

/// <summary>What one sweep saw and did.</summary>
public sealed record TypingSweepReport(int Due, int Announced, int Failed);
