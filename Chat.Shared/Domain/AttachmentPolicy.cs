using System.Globalization;
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
    /// The last path segment of the client's name, sanitised by Unicode category: control, format (bidi embeddings,
    /// overrides, isolates and marks, zero-width characters), separator, private-use and unassigned characters, lone
    /// surrogates and path or shell-special characters become <c>_</c>, other spaces a plain space; then NFC (left as
    /// sent under invariant globalization), trimmed of dots and spaces, at most <paramref name="maxLength"/> UTF-16
    /// units cut between text elements (the extension kept). Null when only <c>_</c>, dots and spaces are left.
    /// </summary>
    public static string? SanitizeFileName(string? fileName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSegment = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var safe = TextRules.ReplaceRunes(lastSegment, IsUnsafe, '_');
        var cleaned = TextRules.ReplaceRunes(safe, r => Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator, ' ')
            .Normalize(NormalizationForm.FormC).Trim().Trim('.', ' ');
        if (cleaned.All(c => c is '_' or '.' or ' '))
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

        return TextRules.TruncateOnTextElements(cleaned[..^extension.Length], maxLength - extension.Length) + extension;
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

    private static bool IsUnsafe(Rune rune) =>
        TextRules.IsUnsafeInName(rune) || rune.Value is '"' or '<' or '>' or '|' or ':' or '*' or '?' or '%';
}
