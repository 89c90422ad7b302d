namespace Chat.Shared.Domain;

public enum ConversationKind { Direct, Group }

public enum MessageType { Text, Image, File, Audio, Video, Location, System }

public enum AttachmentKind { Image, Video, Audio, File }

public enum MessageStatus { Sent, Delivered, Read }

/// <summary>The authenticated caller. Its id always comes from a validated token, never from the request.</summary>
public sealed record ChatUser(string Id, string? DisplayName);

/// <summary>What a conversation list shows of the latest message.</summary>
public sealed record MessagePreview(
    string MessageId,
    long Sequence,
    string SenderId,
    MessageType Type,
    string? Text,
    DateTimeOffset CreatedAt,
    bool Deleted);

/// <summary>
/// The conversation document: what every member's list entry shows of it (title, metadata, members, last message,
/// lifecycle) and the last position of its change order. It is the one concurrency point of the conversation's
/// shared state: every conversation-level change (a message created, edited, deleted or reacted to; a member joining,
/// leaving or changing role; title, metadata, lifecycle) replaces it under its <see cref="ETag"/> in the same atomic
/// write as what it changes. Receipts and a member's own settings never touch it, so they never make a send retry.
/// </summary>
public sealed record Conversation
{
    public required string Id { get; init; }
    public required ConversationKind Kind { get; init; }
    public string? Title { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The caller's idempotency key of a keyed create (null otherwise).</summary>
    public string? Key { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }

    /// <summary>The active members' user ids, in joining order.</summary>
    public required IReadOnlyList<string> MemberIds { get; init; }

    public MessagePreview? LastMessage { get; init; }
    public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>Change position of the creation or of the last title, metadata or lifecycle change (its place in <c>changes</c>).</summary>
    public long Change { get; init; }

    /// <summary>
    /// The last position handed out in the conversation's change order: grows with every conversation-level change, so
    /// it is also the projection's conversation-side version.
    /// </summary>
    public long LastChange { get; init; }

    public string? ETag { get; init; }

    /// <summary>The sequence of the last message (0 before the first one): unread counts are measured against it.</summary>
    public long LastSequence => LastMessage?.Sequence ?? 0;

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Sends, edits and reactions need an open conversation (409 <c>conversation.closed</c>).</summary>
    public void EnsureOpen()
    {
        if (IsClosed)
        {
            throw ChatException.Conflict(ErrorCodes.ConversationClosed, "The conversation is closed.");
        }
    }
}

public sealed record Attachment(
    string Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    AttachmentKind Kind,
    string BlobName);

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
/// <c>typing</c> event of the user's own calls went out, and <see cref="Hidden"/> says the others were not told about
/// this state (a start coalesced away, or the short pause kept after an announced stop): see <see cref="TypingRules"/>.
/// </summary>
public sealed record TypingState(
    string ConversationId,
    string UserId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClaimedUntil = null,
    string? ETag = null,
    DateTimeOffset? AnnouncedAt = null,
    bool Hidden = false);
