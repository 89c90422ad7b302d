using System.Globalization;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Http;

/// <summary>
/// RFC 9457 problem details for every failure: <c>type</c> (<see cref="TypeBase"/> + code), <c>title</c>,
/// <c>status</c>, <c>detail</c>, the stable <c>code</c> extension and, for field failures, <c>errors</c>.
/// </summary>
public static class ChatProblems
{
    public const string TypeBase = "https://funcchat.dev/problems/";
    public const string CodeExtension = "code";

    /// <summary>Seconds a client waits before retrying a 503.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public static int StatusFor(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.Validation => StatusCodes.Status400BadRequest,
        ChatErrorKind.NotFound => StatusCodes.Status404NotFound,
        ChatErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ChatErrorKind.Conflict => StatusCodes.Status409Conflict,
        ChatErrorKind.Gone => StatusCodes.Status410Gone,
        ChatErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ChatErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ChatErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult From(ChatError error)
    {
        var result = Create(StatusFor(error.Kind), error.Code, error.Detail, error.FieldErrors);
        return error.Kind == ChatErrorKind.Unavailable ? WithRetryAfter(result, DefaultRetryAfter) : result;
    }

    public static IResult Unavailable(string code, string detail, TimeSpan? retryAfter) =>
        WithRetryAfter(Create(StatusCodes.Status503ServiceUnavailable, code, detail), retryAfter ?? DefaultRetryAfter);

    /// <summary>405 with <c>Allow</c> listing the methods the route answers.</summary>
    public static IResult MethodNotAllowed(string code, string detail, IEnumerable<string> allowed) =>
        new HeaderResult(Create(StatusCodes.Status405MethodNotAllowed, code, detail), HeaderNames.Allow, string.Join(", ", allowed));

    /// <summary>
    /// 401 with <c>WWW-Authenticate: Bearer</c>; with <paramref name="bearerError"/> (RFC 6750, for example
    /// <c>invalid_token</c>) when credentials were sent but are not acceptable.
    /// </summary>
    public static IResult Unauthorized(string code, string detail, string? bearerError = null)
    {
        var challenge = bearerError is null
            ? "Bearer"
            : $"Bearer error=\"{bearerError}\", error_description=\"{detail.Replace("\"", "'", StringComparison.Ordinal)}\"";
        return new HeaderResult(Create(StatusCodes.Status401Unauthorized, code, detail), HeaderNames.WWWAuthenticate, challenge);
    }

    public static IResult Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? fieldErrors = null)
    {
        var problem = fieldErrors is { Count: > 0 }
            ? new HttpValidationProblemDetails(EchoedFields(fieldErrors))
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = status;
        problem.Type = TypeBase + code;
        problem.Title = ReasonPhrases.GetReasonPhrase(status);
        problem.Detail = detail;
        problem.Extensions[CodeExtension] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// A piece of client input as a problem may echo it (a JSON path, a field, query or form-part name): printable
    /// ASCII only, with markup and quoting characters (<c>&lt; &gt; &amp; " ' ` \</c>) and everything else replaced by
    /// <c>_</c>, at most <see cref="HttpLimits.MaxEchoedInputLength"/> characters (a cut ends in <c>...</c>). Every field
    /// name of every problem goes through it, so no route can echo more.
    /// </summary>
    public static string Echo(string input)
    {
        const string Cut = "...";
        var take = input.Length <= HttpLimits.MaxEchoedInputLength ? input.Length : HttpLimits.MaxEchoedInputLength - Cut.Length;
        var echoed = string.Create(take, input, static (span, text) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = text[i];
                span[i] = c is > ' ' and < (char)0x7f and not ('<' or '>' or '&' or '"' or '\'' or '`' or '\\') ? c : '_';
            }
        });
        return take < input.Length ? echoed + Cut : echoed;
    }

    /// <summary>Field errors keyed by <see cref="Echo"/>ed names; names that become equal share one entry.</summary>
    private static Dictionary<string, string[]> EchoedFields(IReadOnlyDictionary<string, string[]> fieldErrors)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, messages) in fieldErrors)
        {
            var key = Echo(name);
            fields[key] = fields.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
        }

        return fields;
    }

    private static HeaderResult WithRetryAfter(IResult result, TimeSpan retryAfter) =>
        new(result, HeaderNames.RetryAfter, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
}
