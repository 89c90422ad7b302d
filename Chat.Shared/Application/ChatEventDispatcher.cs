using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Application;

/// <summary>
/// Publishes what a batch of the <c>chat</c> container's change feed stands for (<see cref="ChatEventDerivation"/>)
/// and moves each conversation's <see cref="ConversationEventState"/> past it. Conversations are handled in
/// parallel, each one's events in order and before its state moves, so a failure anywhere throws and the trigger runs
/// the batch again: what was published before the failure is published again with the same ids (at least once),
/// nothing is skipped. Cost per batch: one read of the states of the conversations whose conversation or message
/// documents changed, one publish request per such conversation, one conditional write of its state.
/// </summary>
public sealed class ChatEventDispatcher(
    IChatStore store,
    IEventStateStore states,
    IChatEventPublisher publisher,
    TimeProvider clock,
    IOptions<ChatEventsOptions> events,
    IOptions<NotificationOptions> notifications,
    ILogger<ChatEventDispatcher> logger)
{
    private const int Parallelism = 8;

    /// <summary>Writes of one conversation's state that lose to the notification sweep before the batch fails (and is retried).</summary>
    public const int MaxSaveAttempts = 10;

    /// <summary><c>Chat:Events:Enabled</c>: when false, batches are dropped unread.</summary>
    public bool Enabled => events.Value.Enabled;

    public async Task<int> PublishAsync(IReadOnlyList<ChangedDocument> documents, CancellationToken cancellationToken)
    {
        if (!Enabled || documents.Count == 0)
        {
            return 0;
        }

        var conversations = documents.GroupBy(d => d.ConversationId, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var tracked = conversations.Where(Tracked).Select(g => g[0].ConversationId).ToList();
        var stored = tracked.Count == 0
            ? new Dictionary<string, ConversationEventState>()
            : await states.ReadAsync(tracked, cancellationToken);
        var published = 0;
        await Parallel.ForEachAsync(
            conversations,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var count = await PublishAsync(batch, stored.GetValueOrDefault(batch[0].ConversationId), token);
                Interlocked.Add(ref published, count);
            });
        return published;
    }

    /// <summary>Conversations whose conversation or message documents changed need the publisher's state; read positions alone do not.</summary>
    private static bool Tracked(List<ChangedDocument> batch) => batch.Any(d => d is ChangedConversation or ChangedMessage);

    private async Task<int> PublishAsync(List<ChangedDocument> batch, ConversationEventState? stored, CancellationToken cancellationToken)
    {
        var conversationId = batch[0].ConversationId;
        var tracked = Tracked(batch);
        var state = stored ?? ConversationEventState.New(conversationId);
        Conversation? current = null;
        if (tracked && !state.Announced && !batch.OfType<ChangedConversation>().Any())
        {
            current = (await store.ReadItemsAsync(conversationId, new ItemKeys(), cancellationToken)).Conversation;
        }

        var derived = ChatEventDerivation.Derive(state, batch, current, clock.GetUtcNow());
        if (derived.Events.Count > 0)
        {
            await publisher.PublishAsync(derived.Events, cancellationToken);
            logger.LogDebug("Published {EventCount} events of {ConversationId}", derived.Events.Count, conversationId);
        }

        if (tracked)
        {
            var values = notifications.Value.ToValues();
            await SaveAsync(state, s => s.AfterBatch(derived.Snapshot, derived.Announced, derived.Metadata, derived.AnnouncedMessages, derived.DeletedSequences, values), cancellationToken);
        }

        return derived.Events.Count;
    }

    /// <summary>Applies <paramref name="change"/> to the stored state under its ETag, reading it again after a lost race (the sweep's claim).</summary>
    private async Task SaveAsync(ConversationEventState read, Func<ConversationEventState, ConversationEventState> change, CancellationToken cancellationToken)
    {
        var current = read;
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var next = change(current);
            if (next == current || await states.TrySaveAsync(next, cancellationToken) is not null)
            {
                return;
            }

            current = (await states.ReadAsync([read.ConversationId], cancellationToken)).GetValueOrDefault(read.ConversationId)
                ?? ConversationEventState.New(read.ConversationId);
        }

        throw new InvalidOperationException(
            $"The event state of {read.ConversationId} changed {MaxSaveAttempts} times while the change feed wrote it; the batch is retried.");
    }
}
