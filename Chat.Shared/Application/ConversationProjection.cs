using System.Collections.Concurrent;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Derives each participant's conversation-list entry from the conversation document. Pure: the same document
/// always gives the same entries, so replays and duplicates of the change feed converge.
/// </summary>
public static class ConversationProjection
{
    public static IReadOnlyList<UserConversation> Project(Conversation conversation) =>
        conversation.Participants.Select(p => new UserConversation
        {
            UserId = p.UserId,
            ConversationId = conversation.Id,
            Kind = conversation.Kind,
            Title = conversation.Title,
            ParticipantIds = conversation.Participants.Select(x => x.UserId).ToList(),
            LastMessage = conversation.LastMessage,
            LastActivityAt = conversation.LastActivityAt,
            LastSequence = conversation.LastSequence,
            ReadSequence = p.ReadSequence,
            UnreadCount = Views.Unread(conversation.LastSequence, p.ReadSequence),
            Version = conversation.Version,
        }).ToList();
}

/// <summary>
/// Applies a batch of changed conversations to the per-user lists and returns <c>conversationUpdated</c> for the
/// entries that changed. Each entry is read first (a cheap point read) and written only when the projection is
/// newer and shows something different, under the entry's ETag: a receipt rewrites only the reader's entry, a
/// delivery receipt none, and an older version delivered late (replay, lease moved) never overwrites a newer one.
/// </summary>
public sealed class ConversationListProjector(IChatStore store)
{
    public const int MaxWriteAttempts = 5;
    private const int Parallelism = 8;

    public async Task<IReadOnlyList<RealtimeEvent>> ApplyAsync(IReadOnlyList<Conversation> changed, CancellationToken cancellationToken)
    {
        // The change feed keeps the order of changes within a conversation: the last one of a batch is the newest.
        var entries = changed.GroupBy(c => c.Id).Select(g => g.Last()).SelectMany(ConversationProjection.Project).ToList();
        var updated = new ConcurrentBag<UserConversation>();
        await Parallel.ForEachAsync(
            entries,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                if (await TryApplyAsync(entry, token))
                {
                    updated.Add(entry);
                }
            });
        return updated.Select(e => new RealtimeEvent(EventTargets.ConversationUpdated, e.UserId, Views.Summary(e))).ToList();
    }

    private async Task<bool> TryApplyAsync(UserConversation entry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var stored = await store.GetUserConversationAsync(entry.UserId, entry.ConversationId, cancellationToken);
            if (stored is not null && (stored.Version > entry.Version || stored.ShowsSameAs(entry)))
            {
                return false;
            }

            if (await store.TryPutUserConversationAsync(entry with { ETag = stored?.ETag }, cancellationToken))
            {
                return true;
            }
        }

        throw new StoreUnavailableException($"The list entry of {entry.UserId} kept changing concurrently.", TimeSpan.FromSeconds(1));
    }
}
