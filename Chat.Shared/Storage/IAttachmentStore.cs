namespace Chat.Shared.Storage;

/// <summary>The blob side of attachments. Production: Azure Blob Storage (<see cref="Blobs.BlobAttachmentStore"/>); tests: a double, and the real adapter against Azurite.</summary>
public interface IAttachmentStore
{
    /// <summary>A create-only, write-only URL for exactly <paramref name="blobName"/>, valid until <paramref name="expiresAt"/>.</summary>
    Task<UploadTicket> CreateUploadAsync(string blobName, string contentType, long sizeBytes, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Stores bytes the server received itself (multipart send), create-only: false when a blob of that name exists
    /// already (a concurrent retry of the same send stored it), which is then left as it is.
    /// </summary>
    Task<bool> UploadAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken);

    /// <summary>What is stored under the name, or null when nothing was uploaded.</summary>
    Task<StoredBlob?> GetAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Marks an upload as used by a message, so the pending-upload cleanup keeps it.</summary>
    Task MarkAttachedAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>A short-lived read-only URL that downloads under <paramref name="fileName"/>.</summary>
    Task<Uri> GetReadUrlAsync(string blobName, string fileName, string contentType, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task DeleteAsync(string blobName, CancellationToken cancellationToken);
}

public sealed record UploadTicket(Uri Url, string Method, IReadOnlyDictionary<string, string> RequiredHeaders);

public sealed record StoredBlob(long SizeBytes, string? ContentType);
