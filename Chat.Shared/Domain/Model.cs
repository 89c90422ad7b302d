namespace Chat.Shared.Domain;

public enum ConversationKind { Direct, Group }

public enum MessageType { Text, Image, File, Audio, Video, Location, System }

public enum AttachmentKind { Image, Video, Audio, File }

public enum MessageStatus { Sent, Delivered, Read }

/// <summary>The authenticated caller. Its id always comes from a validated token, never from the request.</summary>
public sealed record ChatUser(string Id, string? DisplayName);

/// <summary>A participant with their read and delivery positions (sequences that only move forward).</summary>
public sealed record Participant(
    string UserId,
    string? DisplayName,
    DateTimeOffset JoinedAt,
    long ReadSequence = 0,
    DateTimeOffset? ReadAt = null,
    long DeliveredSequence = 0,
    DateTimeOffset? DeliveredAt = null);

/// <summary>What a conversation list shows of the latest message.</summary>
public sealed record MessagePreview(
    string MessageId,
    long Sequence,
    string SenderId,
    MessageType Type,
    string? Text,
    DateTimeOffset CreatedAt,
    bool Deleted);

/// <summary>The conversation document: membership, positions and the last sequence, guarded by its ETag.</summary>
public sealed record Conversation
{
    public required string Id { get; init; }
    public required ConversationKind Kind { get; init; }
    public string? Title { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<Participant> Participants { get; init; }
    public long LastSequence { get; init; }
    public MessagePreview? LastMessage { get; init; }
    public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>
    /// Grows with every write of the conversation document (send, preview change, receipt), so projections can tell
    /// an older version from a newer one whatever order the change feed delivers them in.
    /// </summary>
    public long Version { get; init; }

    /// <summary>Set by the store on read; the precondition for the next write.</summary>
    public string? ETag { get; init; }

    public Participant? FindParticipant(string userId) => Participants.FirstOrDefault(p => p.UserId == userId);

    public bool HasParticipant(string userId) => FindParticipant(userId) is not null;

    public Conversation WithParticipant(string userId, Func<Participant, Participant> change) =>
        this with { Participants = Participants.Select(p => p.UserId == userId ? change(p) : p).ToArray() };
}

public sealed record ReplyReference(string MessageId, long Sequence, string SenderId, string? Preview);

public sealed record Attachment(
    string Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    AttachmentKind Kind,
    string BlobName);

public sealed record Message
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required long Sequence { get; init; }
    public required string SenderId { get; init; }
    public string? SenderName { get; init; }
    public required MessageType Type { get; init; }
    public string? Content { get; init; }
    public ReplyReference? ReplyTo { get; init; }
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public string? ClientMessageId { get; init; }
    public string? ETag { get; init; }

    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>An upload reserved for a conversation; becomes part of a message when the uploader sends it.</summary>
public sealed record AttachmentReservation
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string UploaderId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long SizeBytes { get; init; }
    public required string BlobName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UploadExpiresAt { get; init; }
    public string? MessageId { get; init; }
    public string? ETag { get; init; }

    public AttachmentKind Kind => AttachmentKinds.FromContentType(ContentType);

    public Attachment ToAttachment() => new(Id, FileName, ContentType, SizeBytes, Kind, BlobName);
}

/// <summary>
/// Someone typing in a conversation until <see cref="ExpiresAt"/>; <see cref="AnnouncedAt"/> is when the last
/// <c>typing</c> event about it went out (see <see cref="TypingRules"/>).
/// </summary>
public sealed record TypingState(
    string ConversationId,
    string UserId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClaimedUntil = null,
    string? ETag = null,
    DateTimeOffset? AnnouncedAt = null);

/// <summary>A user's entry in their conversation list, projected from the conversation document.</summary>
public sealed record UserConversation
{
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }
    public required ConversationKind Kind { get; init; }
    public string? Title { get; init; }
    public required IReadOnlyList<string> ParticipantIds { get; init; }
    public MessagePreview? LastMessage { get; init; }
    public required DateTimeOffset LastActivityAt { get; init; }
    public required long LastSequence { get; init; }
    public required long ReadSequence { get; init; }
    public required long UnreadCount { get; init; }

    /// <summary>The <see cref="Conversation.Version"/> this entry was projected from.</summary>
    public long Version { get; init; }

    public string? ETag { get; init; }

    /// <summary>Same list content (everything but version and ETag): writing it again would change nothing a user sees.</summary>
    public bool ShowsSameAs(UserConversation other) =>
        UserId == other.UserId && ConversationId == other.ConversationId && Kind == other.Kind && Title == other.Title
        && ParticipantIds.SequenceEqual(other.ParticipantIds) && Equals(LastMessage, other.LastMessage)
        && LastActivityAt == other.LastActivityAt && LastSequence == other.LastSequence
        && ReadSequence == other.ReadSequence && UnreadCount == other.UnreadCount;
}
