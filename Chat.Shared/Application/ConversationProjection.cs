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
        }).ToList();
}

/// <summary>Applies a batch of changed conversations to the per-user lists and returns <c>conversationUpdated</c> events.</summary>
public sealed class ConversationListProjector(IChatStore store)
{
    public async Task<IReadOnlyList<RealtimeEvent>> ApplyAsync(IReadOnlyList<Conversation> changed, CancellationToken cancellationToken)
    {
        // The change feed keeps the order of changes within a conversation: the last one of a batch is the newest.
        var latest = changed.GroupBy(c => c.Id).Select(g => g.Last()).ToList();
        var entries = latest.SelectMany(ConversationProjection.Project).ToList();
        await store.UpsertUserConversationsAsync(entries, cancellationToken);
        return entries.Select(e => new RealtimeEvent(EventTargets.ConversationUpdated, e.UserId, Views.Summary(e))).ToList();
    }
}
