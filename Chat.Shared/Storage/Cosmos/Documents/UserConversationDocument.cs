using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>A conversation-list entry in the <c>userConversations</c> container (partition = user id, id = conversation id).</summary>
public sealed class UserConversationDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.UserConversation;

    [JsonPropertyName("kind")]
    public ConversationKind Kind { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("participantIds")]
    public List<string> ParticipantIds { get; set; } = [];

    [JsonPropertyName("lastMessage")]
    public MessagePreviewDocument? LastMessage { get; set; }

    /// <summary>Fixed-precision UTC string (<see cref="CosmosJson.TimestampFormat"/>): string order is time order.</summary>
    [JsonPropertyName("lastActivityAt")]
    public DateTimeOffset LastActivityAt { get; set; }

    [JsonPropertyName("lastSequence")]
    public long LastSequence { get; set; }

    [JsonPropertyName("readSequence")]
    public long ReadSequence { get; set; }

    [JsonPropertyName("unreadCount")]
    public long UnreadCount { get; set; }

    /// <summary>Grows with every write of the conversation document; list entries keep the version they came from.</summary>
    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}
