using Chat.Shared.Domain;

namespace Chat.Shared.Events;

// The data of the events to the app's backend (camelCase JSON, ChatJson). The app's backend is trusted with
// everything a conversation holds (content, metadata, reactions with who reacted); attachments carry no download URL
// (those expire): the blob behind an attachment id is the app's to fetch.

/// <summary><c>chat.conversation.created</c>.</summary>
public sealed record ConversationCreatedData(
    string ConversationId,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string? Key,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> ParticipantIds,
    DateTimeOffset? ClosedAt);

/// <summary>
/// <c>chat.conversation.metadata_changed</c>: the conversation's metadata now (it posts no system message);
/// <c>position</c> is the place of the conversation's last change of its own properties in its change order.
/// </summary>
public sealed record ConversationMetadataChangedData(string ConversationId, long Position, IReadOnlyDictionary<string, string> Metadata);

/// <summary><c>chat.message.created</c>: the message (its <c>sequence</c> orders creations, without gaps).</summary>
public sealed record MessageCreatedData(string ConversationId, EventMessage Message);

/// <summary><c>chat.message.edited</c> and <c>chat.message.reactions_changed</c>: the message now, and the change position.</summary>
public sealed record MessageChangedData(string ConversationId, long Position, EventMessage Message);

/// <summary><c>chat.message.deleted</c>: what is left of the message (a tombstone keeps its sequence).</summary>
public sealed record MessageDeletedData(
    string ConversationId, long Position, string MessageId, long Sequence, string SenderId, DateTimeOffset DeletedAt, DeletionActor? DeletedBy);

/// <summary>
/// Membership and lifecycle (<c>chat.members.added</c>, <c>chat.member.*</c>, <c>chat.conversation.renamed</c>,
/// <c>.metadata_changed</c>, <c>.closed</c>, <c>.reopened</c>): who did it, whom it is about, and the system message
/// every member's history shows (its metadata carries the details, for example the new role).
/// </summary>
public sealed record SystemChangeData(string ConversationId, string SystemEvent, string ActorId, IReadOnlyList<string> UserIds, EventMessage Message);

/// <summary><c>chat.messages.read</c>: a member's read position (on any device) moved to <c>readSequence</c>.</summary>
public sealed record MessagesReadData(string ConversationId, string UserId, long ReadSequence, DateTimeOffset? ReadAt);

/// <summary>
/// <c>chat.notification.due</c>: <c>userId</c> has not read <c>count</c> messages (<c>fromSequence</c> ..
/// <c>throughSequence</c>) for <c>Chat:Notifications:Delay</c>, is not muted and was not online. <c>unreadCount</c>
/// is everything they have not read in the conversation (the badge).
/// </summary>
public sealed record NotificationDueData(
    string UserId,
    string ConversationId,
    ConversationKind Kind,
    string? Title,
    long Count,
    long UnreadCount,
    long FromSequence,
    long ThroughSequence,
    DateTimeOffset FirstUnreadAt,
    NotificationMessage? LastMessage);

/// <summary>The last message a notification covers, as a push shows it.</summary>
public sealed record NotificationMessage(string Id, long Sequence, string SenderId, string? SenderName, MessageType Type, string? Text, DateTimeOffset CreatedAt);

/// <summary>
/// <c>chat.user.erased</c>: an erasure of a user (server API) completed; <see cref="Pass"/> counts the user's erasures,
/// the counts say what it did.
/// </summary>
public sealed record UserErasedData(string UserId, int Pass, DateTimeOffset ErasedAt, long MessagesErased, long ConversationsLeft);

/// <summary>A message as events carry it: everything stored but the blob names.</summary>
public sealed record EventMessage(
    string Id,
    string ConversationId,
    long Sequence,
    EventSender Sender,
    MessageType Type,
    string? Content,
    string? SystemEvent,
    IReadOnlyList<string> SystemUserIds,
    EventReply? ReplyTo,
    IReadOnlyList<EventAttachment> Attachments,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    DeletionActor? DeletedBy,
    string? ClientMessageId)
{
    public static EventMessage From(Message m) => new(
        m.Id,
        m.ConversationId,
        m.Sequence,
        new EventSender(m.SenderId, m.SenderName),
        m.Type,
        m.Content,
        m.SystemEvent,
        m.SystemUserIds,
        m.ReplyTo is { } r ? new EventReply(r.MessageId, r.Sequence, r.SenderId) : null,
        m.Attachments.Select(a => new EventAttachment(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Kind)).ToList(),
        m.Reactions,
        m.Metadata,
        m.CreatedAt,
        m.EditedAt,
        m.DeletedAt,
        m.DeletedBy,
        m.ClientMessageId);
}

public sealed record EventSender(string Id, string? DisplayName);

public sealed record EventReply(string MessageId, long Sequence, string SenderId);

public sealed record EventAttachment(string Id, string FileName, string ContentType, long SizeBytes, AttachmentKind Kind);
