using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>A message in the <c>chat</c> container, in its conversation's partition. <c>type</c> is the discriminator; the message's own type is <c>messageType</c>.</summary>
public sealed class MessageDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Message;

    [JsonPropertyName("sequence")]
    public long Sequence { get; set; }

    /// <summary>Change position of the latest create, edit, delete or reaction (range-indexed for <c>changes</c>).</summary>
    [JsonPropertyName("change")]
    public long Change { get; set; }

    /// <summary>Change position of the latest edit (absent: never edited).</summary>
    [JsonPropertyName("editChange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EditChange { get; set; }

    /// <summary>Change position of the latest reaction change (absent: none).</summary>
    [JsonPropertyName("reactionsChange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ReactionsChange { get; set; }

    [JsonPropertyName("senderId")]
    public string SenderId { get; set; } = "";

    [JsonPropertyName("senderName")]
    public string? SenderName { get; set; }

    [JsonPropertyName("messageType")]
    public MessageType MessageType { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }

    [JsonPropertyName("systemEvent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SystemEvent { get; set; }

    [JsonPropertyName("systemUserIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? SystemUserIds { get; set; }

    [JsonPropertyName("replyTo")]
    public ReplyDocument? ReplyTo { get; set; }

    [JsonPropertyName("attachments")]
    public List<AttachmentRefDocument> Attachments { get; set; } = [];

    [JsonPropertyName("reactions")]
    public Dictionary<string, List<string>> Reactions { get; set; } = [];

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("editedAt")]
    public DateTimeOffset? EditedAt { get; set; }

    [JsonPropertyName("deletedAt")]
    public DateTimeOffset? DeletedAt { get; set; }

    [JsonPropertyName("deletedBy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeletionActor? DeletedBy { get; set; }

    [JsonPropertyName("clientMessageId")]
    public string? ClientMessageId { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

public sealed class ReplyDocument
{
    [JsonPropertyName("messageId")]
    public string MessageId { get; set; } = "";

    [JsonPropertyName("sequence")]
    public long Sequence { get; set; }

    /// <summary>Change position of the latest create, edit, delete or reaction (range-indexed for <c>changes</c>).</summary>
    [JsonPropertyName("change")]
    public long Change { get; set; }

    [JsonPropertyName("senderId")]
    public string SenderId { get; set; } = "";
}

public sealed class AttachmentRefDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("fileName")]
    public string FileName { get; set; } = "";

    [JsonPropertyName("contentType")]
    public string ContentType { get; set; } = "";

    [JsonPropertyName("sizeBytes")]
    public long SizeBytes { get; set; }

    [JsonPropertyName("kind")]
    public AttachmentKind Kind { get; set; }

    [JsonPropertyName("blobName")]
    public string BlobName { get; set; } = "";
}
