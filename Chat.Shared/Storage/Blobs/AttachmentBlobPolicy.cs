using System.Text;
using Chat.Shared.Domain;

namespace Chat.Shared.Storage.Blobs;

/// <summary>
/// What the Blob Storage adapter may grant, and for how long. The adapter (<see cref="BlobAttachmentStore"/>) only turns these
/// grants into SAS URLs; every choice about names, permissions, lifetimes and headers is made (and tested) here.
/// </summary>
public static class AttachmentBlobPolicy
{
    /// <summary>Blob index tag that the storage lifecycle rule uses to remove uploads never attached to a message.</summary>
    public const string StateTag = "chat-state";
    public const string Pending = "pending";
    public const string Attached = "attached";

    /// <summary>Create (never overwrite an existing blob) and set index tags on upload; nothing else.</summary>
    public const string UploadPermissions = "ct";

    /// <summary>Read only.</summary>
    public const string ReadPermissions = "r";

    /// <summary>Start times are set slightly in the past so clients with a skewed clock can use a fresh URL.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a user delegation key is requested for (the service allows up to seven days).</summary>
    public static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);

    public static BlobGrant ForUpload(string blobName, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new(blobName, UploadPermissions, now - ClockSkew, Cap(now, expiresAt), ContentDisposition: null, ContentType: null);

    public static BlobGrant ForRead(string blobName, string fileName, string contentType, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new(blobName, ReadPermissions, now - ClockSkew, Cap(now, expiresAt), ContentDisposition(fileName, contentType), contentType);

    /// <summary>The headers a client must send with its PUT to the upload URL.</summary>
    public static IReadOnlyDictionary<string, string> UploadHeaders(string contentType) => new Dictionary<string, string>
    {
        ["x-ms-blob-type"] = "BlockBlob",
        ["Content-Type"] = contentType,
        ["x-ms-tags"] = $"{StateTag}={Pending}",
    };

    public static IDictionary<string, string> Tags(bool attached) =>
        new Dictionary<string, string> { [StateTag] = attached ? Attached : Pending };

    /// <summary>True when a cached delegation key cannot sign a grant that lasts until <paramref name="grantExpiresAt"/>.</summary>
    public static bool NeedsNewDelegationKey(DateTimeOffset? keyExpiresOn, DateTimeOffset grantExpiresAt) =>
        keyExpiresOn is null || keyExpiresOn.Value < grantExpiresAt + ClockSkew;

    /// <summary>
    /// Media opens inline, everything else downloads; the name is given both as an ASCII fallback and as
    /// RFC 5987 UTF-8, so no client-supplied character can break the header.
    /// </summary>
    public static string ContentDisposition(string fileName, string contentType)
    {
        var kind = AttachmentKinds.FromContentType(contentType) == AttachmentKind.File ? "attachment" : "inline";
        var ascii = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            ascii.Append(c is >= ' ' and < (char)0x7f and not ('"' or '\\' or ';') ? c : '_');
        }

        return $"{kind}; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static DateTimeOffset Cap(DateTimeOffset now, DateTimeOffset expiresAt) =>
        expiresAt - now > TimeSpan.FromDays(1) ? now + TimeSpan.FromDays(1) : expiresAt;
}

/// <summary>One SAS grant: exactly one blob, these permissions, this time window, these response overrides.</summary>
public sealed record BlobGrant(
    string BlobName,
    string Permissions,
    DateTimeOffset StartsOn,
    DateTimeOffset ExpiresOn,
    string? ContentDisposition,
    string? ContentType);
