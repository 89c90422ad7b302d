using Chat.Shared.Domain;

namespace Chat.Shared.Events;

/// <summary>
/// The events to the app's backend, built from the domain's records. Every id is derived from what the event is about
/// and the position that made it (a message's sequence, a change position, a read position, a notification's last
/// sequence), never from the time it is published, so a replay or a retry publishes the same id.
/// </summary>
public static class ChatEvents
{
    public static ChatEvent ConversationCreated(Conversation c) => new(
        $"{c.Id}/created",
        ChatEventTypes.ConversationCreated,
        ConversationSubject(c.Id),
        c.CreatedAt,
        new ConversationCreatedData(c.Id, c.Kind, c.Title, c.Metadata, c.Key, c.CreatedBy, c.CreatedAt, c.MemberIds, c.ClosedAt));

    /// <param name="at">When the conversation document was written (the change feed's <c>_ts</c>).</param>
    public static ChatEvent ConversationMetadataChanged(Conversation c, DateTimeOffset at) => new(
        $"{c.Id}/metadata/{c.Change}",
        ChatEventTypes.ConversationMetadataChanged,
        ConversationSubject(c.Id),
        at,
        new ConversationMetadataChangedData(c.Id, c.Change, c.Metadata));

    /// <summary>
    /// A message's creation: <c>chat.message.created</c>, or for a membership or lifecycle system message the type of
    /// what happened (<see cref="ChatEventTypes.OfSystemEvent"/>).
    /// </summary>
    public static ChatEvent MessageCreated(Message m)
    {
        var id = $"{m.ConversationId}/{m.Id}/created";
        return m.Type == MessageType.System && m.SystemEvent is { } systemEvent && ChatEventTypes.OfSystemEvent.TryGetValue(systemEvent, out var type)
            ? new ChatEvent(id, type, ConversationSubject(m.ConversationId), m.CreatedAt,
                new SystemChangeData(m.ConversationId, systemEvent, m.SenderId, m.SystemUserIds, EventMessage.From(m)))
            : new ChatEvent(id, ChatEventTypes.MessageCreated, MessageSubject(m), m.CreatedAt, new MessageCreatedData(m.ConversationId, EventMessage.From(m)));
    }

    public static ChatEvent MessageEdited(Message m) => new(
        $"{m.ConversationId}/{m.Id}/edited/{m.EditChange}",
        ChatEventTypes.MessageEdited,
        MessageSubject(m),
        m.EditedAt ?? m.CreatedAt,
        new MessageChangedData(m.ConversationId, m.EditChange, EventMessage.From(m)));

    /// <param name="at">When the message document was last written (the change feed's <c>_ts</c>): reactions carry no time of their own.</param>
    public static ChatEvent MessageReactionsChanged(Message m, DateTimeOffset at) => new(
        $"{m.ConversationId}/{m.Id}/reactions/{m.ReactionsChange}",
        ChatEventTypes.MessageReactionsChanged,
        MessageSubject(m),
        at,
        new MessageChangedData(m.ConversationId, m.ReactionsChange, EventMessage.From(m)));

    public static ChatEvent MessageDeleted(Message m) => new(
        $"{m.ConversationId}/{m.Id}/deleted",
        ChatEventTypes.MessageDeleted,
        MessageSubject(m),
        m.DeletedAt ?? m.CreatedAt,
        new MessageDeletedData(m.ConversationId, m.Change, m.Id, m.Sequence, m.SenderId, m.DeletedAt ?? m.CreatedAt, m.DeletedBy));

    public static ChatEvent MessagesRead(Member member) => new(
        $"{member.ConversationId}/read/{member.UserId}/{member.ReadSequence}",
        ChatEventTypes.MessagesRead,
        MemberSubject(member.ConversationId, member.UserId),
        member.ReadAt ?? DateTimeOffset.UnixEpoch,
        new MessagesReadData(member.ConversationId, member.UserId, member.ReadSequence, member.ReadAt));

    /// <summary>
    /// <c>chat.notification.due</c> for one member. <paramref name="conversation"/> and <paramref name="members"/> are the
    /// state the sweep read: the last message is shown when it is the last one the notification covers.
    /// </summary>
    public static ChatEvent NotificationDue(NotificationDecision decision, Conversation conversation, Member member, IReadOnlyList<Member> members, TimeSpan delay)
    {
        var last = conversation.LastMessage is { } preview && preview.Sequence == decision.ThroughSequence
            ? new NotificationMessage(preview.MessageId, preview.Sequence, preview.SenderId,
                members.FirstOrDefault(m => m.UserId == preview.SenderId)?.DisplayName, preview.Type, preview.Text, preview.CreatedAt)
            : null;
        return new ChatEvent(
            $"{conversation.Id}/notification/{member.UserId}/{decision.ThroughSequence}",
            ChatEventTypes.NotificationDue,
            MemberSubject(conversation.Id, member.UserId),
            decision.FirstAt + delay,
            new NotificationDueData(member.UserId, conversation.Id, conversation.Kind, conversation.Title, decision.Count,
                member.UnreadCount(conversation.LastSequence), decision.FromSequence, decision.ThroughSequence, decision.FirstAt, last));
    }

    /// <summary>
    /// <c>chat.user.erased</c> for a completed erasure: one per erasure pass of the user (an erasure run again after
    /// new data is a new pass, with its own id), so replays of the same completion carry the same id.
    /// </summary>
    public static ChatEvent UserErased(ErasureJob erasure)
    {
        var erasedAt = erasure.CompletedAt ?? erasure.UpdatedAt;
        return new(
            $"user/{erasure.UserId}/erased/{erasure.Pass}", ChatEventTypes.UserErased, $"users/{erasure.UserId}", erasedAt,
            new UserErasedData(erasure.UserId, erasure.Pass, erasedAt, erasure.MessagesErased, erasure.ConversationsLeft));
    }

    public static string ConversationSubject(string conversationId) => $"conversations/{conversationId}";

    private static string MessageSubject(Message m) => $"conversations/{m.ConversationId}/messages/{m.Id}";

    private static string MemberSubject(string conversationId, string userId) => $"conversations/{conversationId}/members/{userId}";
}
