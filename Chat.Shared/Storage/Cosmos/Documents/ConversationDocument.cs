using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>
/// The conversation document in the <c>chat</c> container (id = partition key = conversation id): the concurrency point
/// every conversation-level change replaces under its ETag.
/// </summary>
public sealed class ConversationDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Conversation;

    [JsonPropertyName("kind")]
    public ConversationKind Kind { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];

    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; set; } = "";

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("closedAt")]
    public DateTimeOffset? ClosedAt { get; set; }

    [JsonPropertyName("closedBy")]
    public string? ClosedBy { get; set; }

    [JsonPropertyName("memberIds")]
    public List<string> MemberIds { get; set; } = [];

    [JsonPropertyName("lastMessage")]
    public MessagePreviewDocument? LastMessage { get; set; }

    [JsonPropertyName("lastActivityAt")]
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Change position of the creation or the last title, metadata or lifecycle change (range-indexed for <c>changes</c>).</summary>
    [JsonPropertyName("change")]
    public long Change { get; set; }

    /// <summary>The last position of the conversation's change order (the projection's version).</summary>
    [JsonPropertyName("lastChange")]
    public long LastChange { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>
/// One member (id <c>member:{userId}</c>). Receipts, settings and membership changes patch single fields of it, so
/// the field names are part of the store's contract.
/// </summary>
public sealed class MemberDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Member;

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    /// <summary>The user's profile as the profile projection copied it; absent until it looked.</summary>
    [JsonPropertyName("profile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MemberProfileDocument? Profile { get; set; }

    [JsonPropertyName("role")]
    public MemberRole? Role { get; set; }

    [JsonPropertyName("state")]
    public MemberState State { get; set; }

    [JsonPropertyName("joinedAt")]
    public DateTimeOffset JoinedAt { get; set; }

    [JsonPropertyName("leftAt")]
    public DateTimeOffset? LeftAt { get; set; }

    [JsonPropertyName("removedBy")]
    public string? RemovedBy { get; set; }

    [JsonPropertyName("readSequence")]
    public long ReadSequence { get; set; }

    [JsonPropertyName("readAt")]
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The read position was last moved by a read receipt (absent: by the member's own send, joining, or a change they made).</summary>
    [JsonPropertyName("readByReceipt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadByReceipt { get; set; }

    [JsonPropertyName("mutedUntil")]
    public DateTimeOffset? MutedUntil { get; set; }

    [JsonPropertyName("archived")]
    public bool Archived { get; set; }

    [JsonPropertyName("archivedAtSequence")]
    public long ArchivedAtSequence { get; set; }

    [JsonPropertyName("change")]
    public long Change { get; set; }

    [JsonPropertyName("viewVersion")]
    public long ViewVersion { get; set; }

    /// <summary>Members who left expire after the sync retention; -1 or absent: never.</summary>
    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>A member's delivery position (id <c>delivery:{userId}</c>), written by that member's delivery receipts only.</summary>
public sealed class DeliveryDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Delivery;

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("deliveredSequence")]
    public long DeliveredSequence { get; set; }

    [JsonPropertyName("deliveredAt")]
    public DateTimeOffset? DeliveredAt { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

public sealed class MessagePreviewDocument
{
    [JsonPropertyName("messageId")]
    public string MessageId { get; set; } = "";

    [JsonPropertyName("sequence")]
    public long Sequence { get; set; }

    [JsonPropertyName("senderId")]
    public string SenderId { get; set; } = "";

    [JsonPropertyName("messageType")]
    public MessageType MessageType { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }
}

/// <summary>The copy of a profile in a member document; the projection's patches filter on <c>version</c>.</summary>
public sealed class MemberProfileDocument
{
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("avatarUrl")]
    public string? AvatarUrl { get; set; }

    [JsonPropertyName("version")]
    public long Version { get; set; }
}
