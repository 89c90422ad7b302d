using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Application;

/// <summary>
/// Publishes <c>chat.notification.due</c> for members who have not read messages for <c>Chat:Notifications:Delay</c>,
/// are not muted and are not online: one event per member and conversation, however many messages. It claims each due
/// conversation under its ETag (so two sweeps never both handle it), reads the members' current read positions,
/// publishes, then settles the members it handled. A claim whose publish failed lapses after
/// <c>Chat:Notifications:SweepClaim</c> and the next sweep publishes again, with the same ids. Cost per run follows
/// the conversations with due notifications only: one query, then per conversation a claim, one query of its
/// members, one publish request and one write.
/// </summary>
public sealed class NotificationSweeper(
    IChatStore store,
    IEventStateStore states,
    IChatEventPublisher publisher,
    IOnlineStatus online,
    TimeProvider clock,
    IOptions<ChatEventsOptions> events,
    IOptions<NotificationOptions> options,
    ILogger<NotificationSweeper> logger)
{
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    public async Task<NotificationSweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!events.Value.Enabled || !settings.Enabled)
        {
            return new NotificationSweepReport(0, 0, 0);
        }

        var now = clock.GetUtcNow();
        var due = await states.GetDueAsync(now, settings.SweepBatchSize, cancellationToken);
        var notified = 0;
        var failed = 0;
        foreach (var state in due)
        {
            // Claims are stored in milliseconds: the completion recognises its own claim after a reread.
            var claim = DateTimeOffset.FromUnixTimeMilliseconds((now + settings.SweepClaim).ToUnixTimeMilliseconds());
            var held = await states.TrySaveAsync(state with { ClaimedUntil = claim }, cancellationToken);
            if (held is null)
            {
                continue;
            }

            try
            {
                notified += await HandleAsync(held, claim, now, settings.Delay, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogWarning(ex, "Notifications of {ConversationId} could not be published; the claim lapses and a later sweep retries", state.ConversationId);
            }
        }

        return new NotificationSweepReport(due.Count, notified, failed);
    }

    private async Task<int> HandleAsync(ConversationEventState held, DateTimeOffset claim, DateTimeOffset now, TimeSpan delay, CancellationToken cancellationToken)
    {
        var conversation = await store.GetStateAsync(held.ConversationId, cancellationToken);
        var members = conversation?.ActiveMembers.ToList() ?? [];
        var window = held.Notifications;
        var candidates = members.Where(m => window.IsCandidate(m, now, delay)).Select(m => m.UserId).ToList();
        var onlineNow = candidates.Count == 0 ? Nobody : await online.GetOnlineAsync(candidates, cancellationToken);
        var decisions = members
            .Select(m => (Member: m, Decision: window.Decide(m, now, delay, onlineNow.Contains(m.UserId))))
            .Where(d => d.Decision.Action != NotificationAction.None)
            .ToList();
        var due = decisions
            .Where(d => d.Decision.Action == NotificationAction.Notify)
            .Select(d => ChatEvents.NotificationDue(d.Decision, conversation!.Conversation, d.Member, conversation.Members, delay))
            .ToList();
        if (due.Count > 0)
        {
            await publisher.PublishAsync(due, cancellationToken);
        }

        var settled = decisions.ToDictionary(d => d.Member.UserId, d => d.Decision.ThroughSequence, StringComparer.Ordinal);
        await CompleteAsync(held, claim, settled, members, delay, cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// Settles the handled members on the latest stored state (the change feed may have added messages) and releases the
    /// claim. After a lost race the members are read again too, so a member removed meanwhile (an erasure forgets the
    /// user's position after removing them) is not settled back into the window.
    /// </summary>
    private async Task CompleteAsync(
        ConversationEventState held, DateTimeOffset claim, IReadOnlyDictionary<string, long> settled, IReadOnlyList<Member> members, TimeSpan delay,
        CancellationToken cancellationToken)
    {
        var current = held;
        for (var attempt = 0; attempt < ChatEventDispatcher.MaxSaveAttempts; attempt++)
        {
            var next = current with
            {
                Notifications = current.Notifications.Settle(settled, members, delay),
                ClaimedUntil = current.ClaimedUntil == claim ? null : current.ClaimedUntil,
            };
            if (await states.TrySaveAsync(next, cancellationToken) is not null)
            {
                return;
            }

            if ((await states.ReadAsync([held.ConversationId], cancellationToken)).GetValueOrDefault(held.ConversationId) is not { } reread)
            {
                return;
            }

            current = reread;
            members = (await store.GetStateAsync(held.ConversationId, cancellationToken))?.ActiveMembers.ToList() ?? [];
        }

        throw new InvalidOperationException($"The notifications of {held.ConversationId} changed {ChatEventDispatcher.MaxSaveAttempts} times while a sweep settled them.");
    }
}

/// <summary>What one sweep saw and did: conversations with due notifications, events published, conversations left for a later sweep.</summary>
public sealed record NotificationSweepReport(int Due, int Notified, int Failed);
