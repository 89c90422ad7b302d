namespace Chat.Shared.Auth;

/// <summary>
/// Token validation settings, bound from <c>Chat:Auth</c>. Production names an OpenID Connect
/// <see cref="Authority"/> (keys from its JWKS); local development a <see cref="DevSigningKey"/> instead, never both.
/// </summary>
public sealed class ChatAuthOptions
{
    public const string SectionName = "Chat:Auth";
    public const int MinDevKeyBytes = 32;

    /// <summary>The OpenID Connect issuer URL; its <c>.well-known/openid-configuration</c> names the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>The accepted <c>iss</c>. With an authority it defaults to the issuer in the authority's metadata.</summary>
    public string? Issuer { get; set; }

    /// <summary>More accepted issuers (for example during a tenant migration).</summary>
    public IList<string> ValidIssuers { get; } = [];

    public string UserIdClaim { get; set; } = "sub";

    public string NameClaim { get; set; } = "name";

    /// <summary>
    /// The app role (claim <c>roles</c>) that makes a token the server principal: the app's own backend, with client
    /// credentials, on the server routes. Such a token is never a chat user, whatever its <c>sub</c>.
    /// </summary>
    public string ServerRole { get; set; } = "Chat.Server";

    /// <summary>Development only: a base64 HMAC-SHA256 key of at least 32 bytes. Refused with an authority, outside Development and in Azure.</summary>
    public string? DevSigningKey { get; set; }

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest lifetime (<c>exp</c> − <c>iat</c>, and <c>exp</c> − now) a token may have. Default 24 hours: Entra ID
    /// access tokens live 60–90 minutes, development tokens 60 minutes unless asked for more; a leaked token valid for
    /// a year is refused.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Fetch the authority's metadata over HTTPS only.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool UsesDevelopmentKey => !string.IsNullOrEmpty(DevSigningKey);

    /// <summary><see cref="Issuer"/> and <see cref="ValidIssuers"/> together.</summary>
    public IReadOnlyList<string> AcceptedIssuers() =>
        (Issuer is { Length: > 0 } issuer ? ValidIssuers.Prepend(issuer) : ValidIssuers).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static byte[]? DecodeKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), bytes, out var written) ? bytes[..written] : null;
    }
}
