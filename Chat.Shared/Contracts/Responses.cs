using Chat.Shared.Domain;

namespace Chat.Shared.Contracts;

public sealed record SenderDto(string Id, string? DisplayName);

public sealed record ReplyToDto(string Id, long Sequence, string SenderId, string? Preview);

public sealed record AttachmentDto(
    string Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    AttachmentKind Kind,
    Uri DownloadUrl,
    DateTimeOffset DownloadUrlExpiresAt);

public sealed record MessageDto(
    string Id,
    string ConversationId,
    long Sequence,
    SenderDto Sender,
    MessageType Type,
    string? Content,
    ReplyToDto? ReplyTo,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
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

public sealed record ParticipantDto(
    string UserId,
    string? DisplayName,
    DateTimeOffset JoinedAt,
    long ReadSequence,
    DateTimeOffset? ReadAt,
    long DeliveredSequence,
    DateTimeOffset? DeliveredAt);

public sealed record ConversationDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ParticipantDto> Participants,
    long LastSequence,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt,
    long UnreadCount);

public sealed record ConversationSummaryDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyList<string> ParticipantIds,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt,
    long LastSequence,
    long UnreadCount);

public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextCursor, bool HasMore);

public sealed record UnreadEntryDto(string ConversationId, long UnreadCount);

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
