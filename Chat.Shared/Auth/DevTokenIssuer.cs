using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Shared.Auth;

/// <summary>
/// Mints development tokens (HMAC-SHA256) that <see cref="ChatTokenValidator"/> accepts in development-key mode.
/// Used by the <c>tools/Chat.DevToken</c> command and the tests; never exposed over HTTP.
/// </summary>
public static class DevTokenIssuer
{
    public static string Issue(DevTokenSettings settings, string userId, string? displayName, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new List<Claim> { new(settings.UserIdClaim, userId) };
        if (!string.IsNullOrEmpty(displayName))
        {
            claims.Add(new Claim(settings.NameClaim, displayName));
        }

        var descriptor = Descriptor(settings, new ClaimsIdentity(claims), lifetime, now);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// A token of the server principal, as the app's backend gets one with client credentials: <c>roles</c> is a JSON
    /// array with <see cref="DevTokenSettings.ServerRole"/>, <c>sub</c> the client's id (never a chat user).
    /// </summary>
    public static string IssueServer(DevTokenSettings settings, string clientId, TimeSpan lifetime, DateTimeOffset now)
    {
        var descriptor = Descriptor(settings, new ClaimsIdentity([new Claim(settings.UserIdClaim, clientId)]), lifetime, now);
        descriptor.Claims = new Dictionary<string, object> { [ChatPrincipal.RolesClaim] = new[] { settings.ServerRole } };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A fresh random 32-byte key, base64, for <c>Chat:Auth:DevSigningKey</c>.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(ChatAuthOptions.MinDevKeyBytes));

    private static SecurityTokenDescriptor Descriptor(DevTokenSettings settings, ClaimsIdentity subject, TimeSpan lifetime, DateTimeOffset now)
    {
        var key = ChatAuthOptions.DecodeKey(settings.SigningKey) is { Length: >= ChatAuthOptions.MinDevKeyBytes } bytes
            ? bytes
            : throw new ArgumentException($"The signing key must be base64 of at least {ChatAuthOptions.MinDevKeyBytes} bytes.", nameof(settings));
        return new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = subject,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
    }
}

/// <summary>What a development token is minted with; mirrors the <c>Chat:Auth</c> settings of the local app.</summary>
public sealed record DevTokenSettings(
    string SigningKey, string Issuer, string Audience, string UserIdClaim = "sub", string NameClaim = "name", string ServerRole = "Chat.Server")
{
    public static DevTokenSettings From(ChatAuthOptions options) => new(
        options.DevSigningKey ?? throw new InvalidOperationException("Chat:Auth:DevSigningKey is not set."),
        options.AcceptedIssuers() is [var issuer, ..] ? issuer : throw new InvalidOperationException("Chat:Auth:Issuer is not set."),
        options.Audience ?? throw new InvalidOperationException("Chat:Auth:Audience is not set."),
        options.UserIdClaim,
        options.NameClaim,
        options.ServerRole);
}
