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

    /// <summary>A user id taken from the path: invalid like any other id in a path (<c>request.invalid_id</c>).</summary>
    public static string UserIdInPath(string? userId) =>
        ChatIds.IsValidUserId(userId)
            ? userId!
            : throw ChatException.Validation(ErrorCodes.InvalidId, "userId", "'userId' is not a valid user id.");

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

    /// <summary>A trimmed title of at most <see cref="ChatOptions.MaxTitleLength"/> characters without control characters; null when empty.</summary>
    public static string? Title(string? title, ChatOptions options)
    {
        if (title is null)
        {
            return null;
        }

        var trimmed = title.Trim();
        if (trimmed.Length > options.MaxTitleLength)
        {
            throw ChatException.Validation(ErrorCodes.TitleTooLong, "title", $"The title is limited to {options.MaxTitleLength} characters.");
        }

        if (HasControlCharacters(trimmed))
        {
            throw ChatException.Validation(ErrorCodes.InvalidTitle, "title", "The title must not contain control characters.");
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>An idempotency key: 1 to <see cref="ChatOptions.MaxKeyLength"/> characters, no control characters, no surrounding spaces.</summary>
    public static string? Key(string? key, ChatOptions options, string field = "key")
    {
        if (key is null)
        {
            return null;
        }

        return key.Length == 0 || key.Length > options.MaxKeyLength || HasControlCharacters(key) || key.Trim().Length != key.Length
            ? throw ChatException.Validation(ErrorCodes.InvalidKey, field,
                $"A key is 1 to {options.MaxKeyLength} characters without control characters or surrounding spaces.")
            : key;
    }

    /// <summary>Every id must be a valid user id.</summary>
    public static void UserIds(IEnumerable<string> userIds, string field)
    {
        if (userIds.Any(id => !ChatIds.IsValidUserId(id)))
        {
            throw ChatException.Validation(ErrorCodes.InvalidParticipantId, field, "A user id is empty, too long or has characters that are not allowed.");
        }
    }

    /// <summary>
    /// A comma-separated list of user ids (<c>a,b,c</c>): required, at most <paramref name="max"/> entries, each a valid
    /// user id (no empty entries); duplicates are answered once, in the order first given.
    /// </summary>
    public static IReadOnlyList<string> UserIdList(string? text, int max, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw ChatException.Validation(ErrorCodes.PresenceUserIdsRequired, field, $"Name at least one user in '{field}' (comma-separated).");
        }

        var ids = text.Split(',');
        if (ids.Length > max)
        {
            throw ChatException.Validation(ErrorCodes.PresenceTooManyUserIds, field, $"Ask about at most {max} users at once.");
        }

        return ids.All(ChatIds.IsValidUserId)
            ? ids.Distinct(StringComparer.Ordinal).ToList()
            : throw ChatException.Validation(ErrorCodes.InvalidId, field, $"'{field}' holds an empty or invalid user id.");
    }

    /// <summary>A metadata filter: a key and a value within the metadata limits.</summary>
    public static KeyValuePair<string, string> MetadataFilter(KeyValuePair<string, string> filter, ChatOptions options)
    {
        var checkedPair = Metadata(new Dictionary<string, string> { [filter.Key] = filter.Value }, options).Single();
        return new KeyValuePair<string, string>(checkedPair.Key, checkedPair.Value);
    }

    /// <summary>A reaction: at most 32 characters, no spaces or control characters, and on the allow-list when there is one.</summary>
    public static string Reaction(string? reaction, ChatOptions options)
    {
        if (string.IsNullOrEmpty(reaction) || reaction.Length > 32 || reaction.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw ChatException.Validation(ErrorCodes.InvalidReaction, "reaction", "A reaction is 1 to 32 characters without spaces or control characters.");
        }

        return options.IsAllowedReaction(reaction)
            ? reaction
            : throw ChatException.Validation(ErrorCodes.ReactionNotAllowed, "reaction", "This reaction is not one of the allowed reactions.");
    }

    public static ChatException TooManyParticipants(ChatOptions options) =>
        ChatException.Validation(ErrorCodes.TooManyParticipants, "participantIds", $"A conversation has at most {options.MaxParticipants} participants.");
}
