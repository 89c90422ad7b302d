using System.Text.Json.Serialization;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>
/// The event publisher's state of one conversation in the <c>events</c> container (partition = id = conversation id):
/// its cursor over the change feed and its pending notifications. Times in epoch milliseconds; <c>dueAtMs</c> and
/// <c>claimedUntilMs</c> are absent when unset, so the sweep's query never reads conversations with nothing pending.
/// </summary>
public sealed class EventStateDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.EventState;

    [JsonPropertyName("announced")]
    public bool Announced { get; set; }

    [JsonPropertyName("publishedChange")]
    public long PublishedChange { get; set; }

    [JsonPropertyName("publishedSequence")]
    public long PublishedSequence { get; set; }

    [JsonPropertyName("publishedMetadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PublishedMetadata { get; set; }

    [JsonPropertyName("floor")]
    public long Floor { get; set; }

    /// <summary>Pending messages as <c>[sequence, sentAtMs]</c> pairs, ascending.</summary>
    [JsonPropertyName("pending")]
    public List<long[]> Pending { get; set; } = [];

    [JsonPropertyName("settled")]
    public Dictionary<string, long> Settled { get; set; } = [];

    [JsonPropertyName("dueAtMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? DueAtMs { get; set; }

    [JsonPropertyName("claimedUntilMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ClaimedUntilMs { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}
