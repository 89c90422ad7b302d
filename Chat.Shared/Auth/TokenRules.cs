using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Shared.Auth;

/// <summary>
/// What a token must also satisfy after IdentityModel accepted its signature, issuer, audience and lifetime:
/// no <c>crit</c> header (RFC 7515 §4.1.11: the API implements no JWS extension, so any critical header parameter is
/// one it does not understand), a user-id claim that is exactly one JSON string (RFC 7519 StringOrURI; a number,
/// array or object is refused instead of being turned into text), and a lifetime of at most
/// <see cref="ChatAuthOptions.MaxTokenLifetime"/>.
/// </summary>
public static class TokenRules
{
    public const string CriticalHeader = "crit";

    /// <summary>Why the token is refused (safe to log: names no claim value), or null when it is acceptable.</summary>
    public static string? Violation(JsonWebToken token, ChatAuthOptions options, DateTimeOffset now) =>
        Violation(token, options, now, requireUserId: true);

    /// <summary>
    /// As <see cref="Violation(JsonWebToken, ChatAuthOptions, DateTimeOffset)"/>; a token of the server principal
    /// (<paramref name="requireUserId"/> false) needs no user-id claim, every other rule holds for it too.
    /// </summary>
    public static string? Violation(JsonWebToken token, ChatAuthOptions options, DateTimeOffset now, bool requireUserId)
    {
        if (HasCriticalHeader(token))
        {
            return "a 'crit' header names extensions this API does not implement";
        }

        if (requireUserId && !IsSingleJsonString(token, options.UserIdClaim))
        {
            return $"the '{options.UserIdClaim}' claim is not a single JSON string";
        }

        return LifetimeExceeds(token, options.MaxTokenLifetime, options.ClockSkew, now)
            ? $"the token lives longer than {options.MaxTokenLifetime}"
            : null;
    }

    /// <summary>True when the JOSE header carries <c>crit</c> at all (whatever it lists, even an empty or malformed list).</summary>
    public static bool HasCriticalHeader(JsonWebToken token)
    {
        using var header = Decode(token.EncodedHeader);
        return header is null || header.RootElement.ValueKind != JsonValueKind.Object || header.RootElement.TryGetProperty(CriticalHeader, out _);
    }

    /// <summary>True when the payload names <paramref name="claim"/> exactly once, as a JSON string.</summary>
    public static bool IsSingleJsonString(JsonWebToken token, string claim)
    {
        using var payload = Decode(token.EncodedPayload);
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var values = payload.RootElement.EnumerateObject().Where(p => p.NameEquals(claim)).Select(p => p.Value.ValueKind).ToList();
        return values is [JsonValueKind.String];
    }

    /// <summary>
    /// True when <c>exp</c> is more than <paramref name="max"/> after the token's start (<c>iat</c>, else <c>nbf</c>), or
    /// more than <paramref name="max"/> (plus clock skew) after <paramref name="now"/>, so a forged recent <c>iat</c>
    /// does not stretch it either.
    /// </summary>
    public static bool LifetimeExceeds(JsonWebToken token, TimeSpan max, TimeSpan clockSkew, DateTimeOffset now)
    {
        var expires = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        DateTime? started = token.IssuedAt != DateTime.MinValue ? token.IssuedAt : token.ValidFrom != DateTime.MinValue ? token.ValidFrom : null;
        return (started is { } start && expires - new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) > max)
            || expires - now > max + clockSkew;
    }

    private static JsonDocument? Decode(string segment)
    {
        try
        {
            return JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(segment));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
