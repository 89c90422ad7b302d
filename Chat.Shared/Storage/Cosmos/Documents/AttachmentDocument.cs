using System.Text.Json.Serialization;

namespace Chat.Shared.Storage.Cosmos.Documents;

/// <summary>
/// An upload reservation in the <c>chat</c> container. While no message uses it, it carries a <c>ttl</c> so an
/// upload that is never sent disappears by itself; the send that attaches it writes it without <c>ttl</c>.
/// </summary>
public sealed class AttachmentDocument
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("conversationId")]
    public string ConversationId { get; set; } = "";

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentTypes.Attachment;

    [JsonPropertyName("uploaderId")]
    public string UploaderId { get; set; } = "";

    [JsonPropertyName("fileName")]
    public string FileName { get; set; } = "";

    [JsonPropertyName("contentType")]
    public string ContentType { get; set; } = "";

    [JsonPropertyName("sizeBytes")]
    public long SizeBytes { get; set; }

    [JsonPropertyName("blobName")]
    public string BlobName { get; set; } = "";

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("uploadExpiresAt")]
    public DateTimeOffset UploadExpiresAt { get; set; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; set; }

    /// <summary>Seconds after the last write until Cosmos DB deletes the document; absent = never.</summary>
    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}
