using System.Globalization;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>Query-string parsing: every key at most once, <c>limit</c> a plain integer, flags <c>true</c> or <c>false</c>.</summary>
public static class QueryParameters
{
    /// <summary>400 <c>request.duplicate_query_parameter</c> when any key appears twice (keys compare case-insensitively).</summary>
    public static void RejectDuplicates(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
        {
            if (values.Count > 1)
            {
                throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.DuplicateQueryParameter, RequestErrors.SafeName(key, "query"),
                    "Each query parameter may appear only once.");
            }
        }
    }

    public static string? Value(HttpRequest request, string key)
    {
        RejectDuplicates(request);
        return request.Query.TryGetValue(key, out var values) ? values[0] : null;
    }

    /// <summary>The page size as given (range checks are the core's): digits only, else 400 <c>request.invalid_limit</c>.</summary>
    public static int? Limit(HttpRequest request)
    {
        var text = Value(request, "limit");
        if (text is null)
        {
            return null;
        }

        return text.Length is > 0 and <= 9 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw ChatException.Validation(ErrorCodes.InvalidLimit, "limit", "limit must be a whole number between 1 and the maximum page size.");
    }

    /// <summary>
    /// The one parameter whose name starts with <paramref name="prefix"/> (<c>metadata.orderId=o-1</c>), as the name after
    /// the prefix and its value; null when there is none; 400 <c>request.invalid_query_parameter</c> for two or an empty name.
    /// </summary>
    public static KeyValuePair<string, string>? Prefixed(HttpRequest request, string prefix)
    {
        RejectDuplicates(request);
        var matching = request.Query.Where(q => q.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        if (matching.Count > 1 || matching[0].Key.Length == prefix.Length)
        {
            throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.InvalidQueryParameter, prefix + "*",
                $"Give at most one '{prefix}<name>' filter, with a name.");
        }

        return new KeyValuePair<string, string>(matching[0].Key[prefix.Length..], matching[0].Value[0] ?? string.Empty);
    }

    public static bool Flag(HttpRequest request, string key)
    {
        var text = Value(request, key);
        return text switch
        {
            null => false,
            _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.InvalidQueryParameter, key, $"'{key}' is true or false."),
        };
    }
}
