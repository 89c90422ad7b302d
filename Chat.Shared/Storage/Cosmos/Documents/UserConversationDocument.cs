using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>
/// A conversation-list entry in the <c>userConversations</c> container (partition = user id, id = conversation id).
/// The projection writes it with one conditional patch of ten top-level paths (the patch limit): the indexed fields
/// queries filter and sort on, the version, <c>ttl</c> and everything else in <c>summary</c>.
/// </summary>
public sealed class UserConversationDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.UserConversation;

    [JsonPropertyName("folder")]
    public ListFolder Folder { get; set; }

    /// <summary>Fixed-precision UTC string (<see cref="CosmosJson.TimestampFormat"/>): string order is time order.</summary>
    [JsonPropertyName("lastActivityAt")]
    public DateTimeOffset LastActivityAt { get; set; }

    [JsonPropertyName("unreadCount")]
    public long UnreadCount { get; set; }

    [JsonPropertyName("syncAt")]
    public DateTimeOffset SyncAt { get; set; }

    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>The conversation's version the entry was computed from.</summary>
    [JsonPropertyName("cv")]
    public long ConversationVersion { get; set; }

    /// <summary>The member's view version the entry was computed from.</summary>
    [JsonPropertyName("mv")]
    public long MemberVersion { get; set; }

    /// <summary>Entries of members who left expire after the sync retention; -1: never.</summary>
    [JsonPropertyName("ttl")]
    public int Ttl { get; set; } = -1;

    [JsonPropertyName("summary")]
    public ListSummaryDocument Summary { get; set; } = new();
}

/// <summary>The part of a list entry that no query looks at.</summary>
public sealed class ListSummaryDocument
{
    [JsonPropertyName("kind")]
    public ConversationKind Kind { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("participantIds")]
    public List<string> ParticipantIds { get; set; } = [];

    [JsonPropertyName("lastMessage")]
    public MessagePreviewDocument? LastMessage { get; set; }

    [JsonPropertyName("lastSequence")]
    public long LastSequence { get; set; }

    [JsonPropertyName("readSequence")]
    public long ReadSequence { get; set; }

    [JsonPropertyName("role")]
    public MemberRole? Role { get; set; }

    [JsonPropertyName("state")]
    public MemberState State { get; set; }

    [JsonPropertyName("mutedUntil")]
    public DateTimeOffset? MutedUntil { get; set; }

    [JsonPropertyName("archived")]
    public bool Archived { get; set; }

    [JsonPropertyName("closedAt")]
    public DateTimeOffset? ClosedAt { get; set; }
}
