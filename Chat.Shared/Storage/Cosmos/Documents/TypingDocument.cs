using System.Text.Json.Serialization;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>A typing state in the <c>typing</c> container (partition = conversation id, id = user id); times in epoch milliseconds.</summary>
public sealed class TypingDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Typing;

    [JsonPropertyName("expiresAtMs")]
    public long ExpiresAtMs { get; set; }

    [JsonPropertyName("claimedUntilMs")]
    public long? ClaimedUntilMs { get; set; }

    /// <summary>When the last <c>typing</c> event about this state went out (coalescing, see TypingRules).</summary>
    [JsonPropertyName("announcedAtMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AnnouncedAtMs { get; set; }

    /// <summary>The others were not told about this state (coalescing, see TypingRules): the sweep removes it silently.</summary>
    [JsonPropertyName("hidden")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Hidden { get; set; }

    /// <summary>Backstop: the sweep removes states, TTL removes what a stopped sweep left behind.</summary>
    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}
