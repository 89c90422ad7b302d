using System.Collections.Concurrent;
using Chat.Shared.Storage;

namespace Chat.TestSupport;

/// <summary>Blob store double. Tests play the client's direct upload with <see cref="SimulateClientUpload"/>.</summary>
public sealed class InMemoryAttachmentStore : IAttachmentStore
{
    private readonly ConcurrentDictionary<string, BlobEntry> _blobs = new();
    private int _uploads;

    public ConcurrentBag<string> Deleted { get; } = [];

    public Func<string, Exception?>? FailDelete { get; set; }

    public Task<UploadTicket> CreateUploadAsync(string blobName, string contentType, long sizeBytes, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(new UploadTicket(
            new Uri($"https://blobs.test/attachments/{blobName}?sp=c&se={expiresAt.ToUnixTimeSeconds()}"),
            "PUT",
            new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = contentType }));

    /// <summary>Create-only, like the Blob adapter's upload (If-None-Match: *): false when the blob exists.</summary>
    public async Task<bool> UploadAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Interlocked.Increment(ref _uploads);
        return _blobs.TryAdd(blobName, new BlobEntry(buffer.Length, contentType, Attached: false));
    }

    /// <summary>Server-side uploads attempted (multipart sends).</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    public Task<StoredBlob?> GetAsync(string blobName, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(blobName, out var blob) ? new StoredBlob(blob.Size, blob.ContentType) : null);

    public Task MarkAttachedAsync(string blobName, CancellationToken cancellationToken)
    {
        if (_blobs.TryGetValue(blobName, out var blob))
        {
            _blobs[blobName] = blob with { Attached = true };
        }

        return Task.CompletedTask;
    }

    public Task<Uri> GetReadUrlAsync(string blobName, string fileName, string contentType, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(new Uri($"https://blobs.test/attachments/{blobName}?sp=r&se={expiresAt.ToUnixTimeSeconds()}"));

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        if (FailDelete?.Invoke(blobName) is { } failure)
        {
            throw failure;
        }

        _blobs.TryRemove(blobName, out _);
        Deleted.Add(blobName);
        return Task.CompletedTask;
    }

    public void SimulateClientUpload(string blobName, long size, string contentType) =>
        _blobs[blobName] = new BlobEntry(size, contentType, Attached: false);

    public bool Exists(string blobName) => _blobs.ContainsKey(blobName);

    /// <summary>Every stored blob with its size, type and tag state, in a stable order: equal snapshots mean nothing changed.</summary>
    public string Snapshot() =>
        string.Join('\n', _blobs.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}|{b.Value}"));

    public bool IsAttached(string blobName) => _blobs.TryGetValue(blobName, out var blob) && blob.Attached;

    private sealed record BlobEntry(long Size, string? ContentType, bool Attached);
}
