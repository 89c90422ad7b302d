using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>The conversation document in the <c>chat</c> container (id = partition key = conversation id).</summary>
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

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; set; } = "";

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("participants")]
    public List<ParticipantDocument> Participants { get; set; } = [];

    [JsonPropertyName("lastSequence")]
    public long LastSequence { get; set; }

    [JsonPropertyName("lastMessage")]
    public MessagePreviewDocument? LastMessage { get; set; }

    [JsonPropertyName("lastActivityAt")]
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Set by Cosmos DB; ignored by it on writes.</summary>
    /// <summary>Grows with every write of the conversation document; list entries keep the version they came from.</summary>
    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>
/// One participant. Positions are patched in place by array index
/// (<c>/participants/{i}/readSequence</c>), so this shape is part of the store's contract.
/// </summary>
public sealed class ParticipantDocument
{
    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("joinedAt")]
    public DateTimeOffset JoinedAt { get; set; }

    [JsonPropertyName("readSequence")]
    public long ReadSequence { get; set; }

    [JsonPropertyName("readAt")]
    public DateTimeOffset? ReadAt { get; set; }

    [JsonPropertyName("deliveredSequence")]
    public long DeliveredSequence { get; set; }

    [JsonPropertyName("deliveredAt")]
    public DateTimeOffset? DeliveredAt { get; set; }
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
