using Chat.Shared.Domain;

namespace Chat.Shared.Application;

/// <summary>Shape checks shared by every operation. Each failure names its field and a stable code.</summary>
internal static class InputRules
{
    public static string ResourceId(string? id, string field)
    {
        if (!ChatIds.IsValidResourceId(id))
        {
            throw ChatException.Validation(ErrorCodes.InvalidId, field, $"'{field}' is not a valid id.");
        }

        return id!;
    }

    public static IReadOnlyDictionary<string, string> Metadata(IReadOnlyDictionary<string, string>? metadata, ChatOptions options)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        if (metadata.Count > options.MaxMetadataKeys)
        {
            throw ChatException.Validation(ErrorCodes.MetadataTooManyKeys, "metadata", $"At most {options.MaxMetadataKeys} metadata keys are allowed.");
        }

        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > options.MaxMetadataKeyLength || HasControlCharacters(key))
            {
                throw ChatException.Validation(ErrorCodes.MetadataInvalid, "metadata", $"Metadata keys are 1 to {options.MaxMetadataKeyLength} printable characters.");
            }

            if (value is null || value.Length > options.MaxMetadataValueLength || HasControlCharacters(value))
            {
                throw ChatException.Validation(ErrorCodes.MetadataInvalid, "metadata",
                    $"Metadata values are strings of at most {options.MaxMetadataValueLength} characters without control characters.");
            }
        }

        return new Dictionary<string, string>(metadata, StringComparer.Ordinal);
    }

    public static string? Content(string? content, ChatOptions options, string field = "content")
    {
        if (content is null)
        {
            return null;
        }

        // Counted in code points (TextRules.CodePointCount), so an emoji counts as one character, not two.
        if (content.Length > options.MaxContentLength && TextRules.CodePointCount(content) > options.MaxContentLength)
        {
            throw ChatException.Validation(ErrorCodes.ContentTooLong, field, $"Content is limited to {options.MaxContentLength} characters.");
        }

        if (content.Contains('\0', StringComparison.Ordinal))
        {
            throw ChatException.Validation(ErrorCodes.InvalidContent, field, "Content must not contain NUL characters.");
        }

        // Content nobody can see (zero-width spaces, joiners, fillers) is no content.
        return TextRules.IsBlank(content) ? null : content;
    }

    public static int PageSize(int? limit, ChatOptions options)
    {
        if (limit is null)
        {
            return options.DefaultPageSize;
        }

        if (limit < 1 || limit > options.MaxPageSize)
        {
            throw ChatException.Validation(ErrorCodes.InvalidLimit, "limit", $"limit must be between 1 and {options.MaxPageSize}.");
        }

        return limit.Value;
    }

    public static bool HasControlCharacters(string value) => TextRules.HasControlCharacters(value);
}
