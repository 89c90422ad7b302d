using System.Text.Json.Serialization;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>
/// A user's presence in the <c>presence</c> container (partition = user id, id = user id). <c>dueAtMs</c> (epoch
/// milliseconds, absent when nothing is due) is the only indexed path: the presence sweep's range query.
/// </summary>
public sealed class PresenceDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Presence;

    [JsonPropertyName("online")]
    public bool Online { get; set; }

    [JsonPropertyName("lastSeenAt")]
    public DateTimeOffset? LastSeenAt { get; set; }

    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("connections")]
    public List<PresenceConnectionDocument> Connections { get; set; } = [];

    [JsonPropertyName("closed")]
    public List<ClosedConnectionDocument> Closed { get; set; } = [];

    [JsonPropertyName("offlineSince")]
    public DateTimeOffset? OfflineSince { get; set; }

    [JsonPropertyName("dueAtMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? DueAtMs { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

public sealed class PresenceConnectionDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("connectedAt")]
    public DateTimeOffset ConnectedAt { get; set; }

    [JsonPropertyName("confirmedAt")]
    public DateTimeOffset ConfirmedAt { get; set; }
}

public sealed class ClosedConnectionDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("closedAt")]
    public DateTimeOffset ClosedAt { get; set; }
}
