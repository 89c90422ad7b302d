using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// Where attachments live and what names they carry. Blob names are made of server ids only
/// (<c>{conversationId}/{attachmentId}</c>); the client's file name is sanitised and kept as metadata.
/// </summary>
public static class AttachmentPolicy
{
    public static string BlobName(string conversationId, string attachmentId) => $"{conversationId}/{attachmentId}";

    /// <summary>
    /// The last path segment of the client's name, without control, path or shell-special characters,
    /// trimmed of dots and spaces, at most <paramref name="maxLength"/> characters. Null when nothing usable is left.
    /// </summary>
    public static string? SanitizeFileName(string? fileName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSegment = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsControl(c) || IsUnsafe(c) ? '_' : c);
        }

        var cleaned = builder.ToString().Trim().Trim('.', ' ');
        if (cleaned.Length == 0 || cleaned.All(c => c == '_'))
        {
            return null;
        }

        if (cleaned.Length <= maxLength)
        {
            return cleaned;
        }

        var extension = Path.GetExtension(cleaned);
        if (extension.Length >= maxLength / 2)
        {
            extension = string.Empty;
        }

        return string.Concat(cleaned.AsSpan(0, maxLength - extension.Length), extension);
    }

    /// <summary>The media type without parameters, lower case, or null when it is not a type/subtype pair.</summary>
    public static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < mediaType.Length - 1 && mediaType.IndexOf('/', slash + 1) < 0
            && mediaType.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-')
            ? mediaType
            : null;
    }

    private static bool IsUnsafe(char c) => c is '"' or '<' or '>' or '|' or ':' or '*' or '?' or '%' or '\u2028' or '\u2029'
        or '\u202E' or '\u202D' or '\u202A' or '\u202B' or '\u202C';
}
