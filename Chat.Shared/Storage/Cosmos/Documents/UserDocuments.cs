using System.Text.Json.Serialization;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>A user's profile in the <c>users</c> container (partition = user id, id <c>profile</c>).</summary>
public sealed class ProfileDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = DocumentTypes.ProfileId;

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Profile;

    [JsonPropertyName("displayName")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("avatarUrl")]
    public string? AvatarUrl { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];

    [JsonPropertyName("inDirectory")]
    public bool InDirectory { get; set; }

    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("directoryBuckets")]
    public List<string> DirectoryBuckets { get; set; } = [];

    [JsonPropertyName("projectedVersion")]
    public long ProjectedVersion { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>"The user is or was in this conversation" (partition = user id, id <c>conversation:{conversationId}</c>).</summary>
public sealed class ConversationRefDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.ConversationRef;

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("firstSeenAt")]
    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary>A user's erasure (partition = user id, id <c>erasure</c>); a completed one expires after the sync retention.</summary>
public sealed class ErasureDocument : IETagged
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = DocumentTypes.ErasureId;

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Erasure;

    [JsonPropertyName("pass")]
    public int Pass { get; set; }

    [JsonPropertyName("status")]
    public ErasureStatus Status { get; set; }

    [JsonPropertyName("phase")]
    public ErasurePhase Phase { get; set; }

    [JsonPropertyName("round")]
    public int Round { get; set; }

    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; set; }

    [JsonPropertyName("stage")]
    public ErasureStage Stage { get; set; }

    [JsonPropertyName("afterSequence")]
    public long AfterSequence { get; set; }

    [JsonPropertyName("settleUntil")]
    public DateTimeOffset? SettleUntil { get; set; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonPropertyName("completedAt")]
    public DateTimeOffset? CompletedAt { get; set; }

    [JsonPropertyName("messagesErased")]
    public long MessagesErased { get; set; }

    [JsonPropertyName("conversationsLeft")]
    public long ConversationsLeft { get; set; }

    [JsonPropertyName("documentsDeleted")]
    public long DocumentsDeleted { get; set; }

    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>A user in the directory (container <c>directory</c>, partition = bucket, id = user id).</summary>
public sealed class DirectoryEntryDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("bucket")]
    public string Bucket { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.DirectoryEntry;

    [JsonPropertyName("userId")]
    public string UserId { get; set; } = "";

    /// <summary>The normalised name searches match the start of (range-indexed).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("displayName")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("avatarUrl")]
    public string? AvatarUrl { get; set; }

    [JsonPropertyName("version")]
    public long Version { get; set; }
}
