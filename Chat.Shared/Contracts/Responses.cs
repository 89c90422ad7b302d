using Chat.Shared.Domain;

namespace Chat.Shared.Contracts;

/// <summary>
/// Who sent a message: the sender's profile name and avatar (the name from their token until the app set a profile);
/// for messages the app's backend posted, <c>#server</c> with the configured sender name and avatar.
/// </summary>
public sealed record SenderDto(string Id, string? DisplayName, string? AvatarUrl);

/// <summary>A reply's target: its id, sequence and sender, and a short preview of its current text (null once it was deleted).</summary>
public sealed record ReplyToDto(string Id, long Sequence, string SenderId, string? Preview);

public sealed record AttachmentDto(
    string Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    AttachmentKind Kind,
    Uri DownloadUrl,
    DateTimeOffset DownloadUrlExpiresAt);

/// <summary>One reaction on a message: how many reacted with it, and who.</summary>
public sealed record ReactionDto(string Reaction, int Count, IReadOnlyList<string> UserIds);

public sealed record MessageDto(
    string Id,
    string ConversationId,
    long Sequence,
    SenderDto Sender,
    MessageType Type,
    string? Content,
    string? SystemEvent,
    IReadOnlyList<string> SystemUserIds,
    ReplyToDto? ReplyTo,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<ReactionDto> Reactions,
    IReadOnlyList<string> OwnReactions,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    DeletionActor? DeletedBy,
    string? ClientMessageId,
    MessageStatus? Status);

public sealed record MessagePreviewDto(
    string Id,
    long Sequence,
    string SenderId,
    MessageType Type,
    string? Text,
    DateTimeOffset CreatedAt,
    bool Deleted);

/// <summary>
/// An active member with their profile (name, avatar), role and read and delivery positions, and, where the answer looks
/// presence up (<c>GET /api/conversations/{id}</c>), whether they are online and when they were last seen; null elsewhere.
/// </summary>
public sealed record ParticipantDto(
    string UserId,
    string? DisplayName,
    string? AvatarUrl,
    MemberRole? Role,
    DateTimeOffset JoinedAt,
    long ReadSequence,
    DateTimeOffset? ReadAt,
    long DeliveredSequence,
    DateTimeOffset? DeliveredAt,
    bool? Online = null,
    DateTimeOffset? LastSeenAt = null);

/// <summary>The caller's own state in a conversation.</summary>
public sealed record MyStateDto(MemberRole? Role, bool Muted, DateTimeOffset? MutedUntil, bool Archived);

public sealed record ConversationDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string? Key,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ParticipantDto> Participants,
    long LastSequence,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt,
    long UnreadCount,
    MyStateDto Me);

/// <summary>The order of list entries: compare <see cref="Conversation"/> first, then <see cref="Member"/>; a higher one is newer.</summary>
public sealed record EntryVersionDto(long Conversation, long Member);

public sealed record ConversationSummaryDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string? Key,
    IReadOnlyList<string> ParticipantIds,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt,
    long LastSequence,
    long UnreadCount,
    MemberRole? Role,
    bool Muted,
    DateTimeOffset? MutedUntil,
    bool Archived,
    DateTimeOffset? ClosedAt,
    MemberState State,
    EntryVersionDto Version);

public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextCursor, bool HasMore);

public sealed record UnreadEntryDto(string ConversationId, long UnreadCount, bool Muted);

public sealed record UnreadDto(long Total, IReadOnlyList<UnreadEntryDto> Conversations);

public sealed record PositionDto(
    string ConversationId,
    string UserId,
    long ReadSequence,
    DateTimeOffset? ReadAt,
    long DeliveredSequence,
    DateTimeOffset? DeliveredAt);

public sealed record TypingDto(string ConversationId, string UserId, bool IsTyping, DateTimeOffset? ExpiresAt);

public sealed record AttachmentUploadDto(
    string AttachmentId,
    Uri UploadUrl,
    string UploadMethod,
    IReadOnlyDictionary<string, string> RequiredHeaders,
    DateTimeOffset ExpiresAt);

public sealed record AttachmentDownloadDto(
    string AttachmentId,
    string FileName,
    string ContentType,
    long SizeBytes,
    Uri Url,
    DateTimeOffset ExpiresAt);

/// <summary>A member as the change order reports it: joined, left (or removed), or with a new role.</summary>
public sealed record MemberDto(
    string UserId,
    string? DisplayName,
    string? AvatarUrl,
    MemberRole? Role,
    MemberState State,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt,
    string? RemovedBy);

/// <summary>The conversation's own properties as the change order reports them.</summary>
public sealed record ConversationInfoDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy);

/// <summary>One changed item at its latest change position: exactly one of message, participant or conversation.</summary>
public sealed record ChangeDto(long Position, string Type, MessageDto? Message, MemberDto? Participant, ConversationInfoDto? Conversation);

/// <summary>
/// A page of a conversation's changes since a token: the changed items in change order, the current positions of
/// every active member, and the token to continue from.
/// </summary>
public sealed record ChangesPageDto(
    string ConversationId,
    IReadOnlyList<ChangeDto> Items,
    IReadOnlyList<ParticipantDto> Participants,
    string Token,
    bool HasMore);

/// <summary>A page of the caller's list entries changed since a token, and the token to continue from.</summary>
public sealed record SyncPageDto(IReadOnlyList<ConversationSummaryDto> Items, string Token, bool HasMore);

/// <summary>
/// One user's presence as <c>GET /api/presence</c> answers it, in the shape of the <c>presenceChanged</c> event:
/// <see cref="Online"/> null means unknown (the user shares no conversation with the caller).
/// </summary>
public sealed record PresenceDto(string UserId, bool? Online, DateTimeOffset? LastSeenAt, long Version);

/// <summary>The presence of each user asked about, in the order asked, each once.</summary>
public sealed record PresenceListDto(IReadOnlyList<PresenceDto> Items);

public static class ChangeTypes
{
    public const string Message = "message";
    public const string Participant = "participant";
    public const string Conversation = "conversation";
}

/// <summary>POST /api/read-all: the conversations whose read position it moved, and where to.</summary>
public sealed record ReadAllDto(IReadOnlyList<ReadPositionDto> Conversations);

public sealed record ReadPositionDto(string ConversationId, long ReadSequence, DateTimeOffset? ReadAt);
