using System.Security.Claims;
using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Auth;

/// <summary>
/// Validates bearer tokens: signature (HMAC-SHA256 with the development key, or the authority's JWKS keys with
/// asymmetric algorithms), issuer, audience and lifetime (<c>exp</c> required), then <see cref="TokenRules"/> (no
/// <c>crit</c> header, the user id a JSON string unless the token is the server principal's, at most
/// <see cref="ChatAuthOptions.MaxTokenLifetime"/>). Unsigned
/// tokens (<c>alg: none</c>) are rejected. Lifetimes are checked against the system clock. The Functions worker middleware and the test host
/// both call <see cref="AuthenticateAsync"/>.
/// </summary>
public sealed class ChatTokenValidator
{
    public static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly ChatAuthOptions _options;
    private readonly ILogger<ChatTokenValidator> _logger;
    private readonly IConfigurationManager<OpenIdConnectConfiguration>? _authority;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SymmetricSecurityKey? _devKey;

    public ChatTokenValidator(
        IOptions<ChatAuthOptions> options,
        ILogger<ChatTokenValidator> logger,
        IConfigurationManager<OpenIdConnectConfiguration>? authority = null)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.UsesDevelopmentKey)
        {
            _devKey = new SymmetricSecurityKey(ChatAuthOptions.DecodeKey(_options.DevSigningKey)
                ?? throw new InvalidOperationException("Chat:Auth:DevSigningKey is not base64."));
        }
        else
        {
            _authority = authority ?? throw new InvalidOperationException("Chat:Auth:Authority needs an OpenID Connect configuration manager.");
        }
    }

    /// <summary>
    /// Reads <c>Authorization: Bearer</c> and validates it. On success sets <see cref="HttpContext.User"/>; on failure
    /// returns the 401 problem (with <c>WWW-Authenticate: Bearer</c>) for the caller to write.
    /// </summary>
    public async Task<ChatAuthentication> AuthenticateAsync(HttpContext context)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            return ChatAuthentication.Fail(ChatProblems.Unauthorized(HttpErrorCodes.MissingToken, "Send 'Authorization: Bearer <token>'."));
        }

        TokenOutcome outcome;
        try
        {
            outcome = await ValidateAsync(token, context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            // The authority's OpenID configuration (signing keys) could not be fetched: not the caller's fault.
            _logger.LogWarning(ex, "Could not obtain the token signing keys from the authority");
            return ChatAuthentication.Fail(ChatProblems.Unavailable(
                HttpErrorCodes.KeysUnavailable, "Tokens cannot be checked right now; retry shortly.", TimeSpan.FromSeconds(5)));
        }

        if (outcome.Principal is null)
        {
            _logger.LogInformation("Rejected a bearer token: {Reason}", outcome.Reason);
            var code = outcome.Expired ? HttpErrorCodes.TokenExpired : HttpErrorCodes.InvalidToken;
            var detail = outcome.Expired ? "The token expired." : "The token is not valid.";
            return ChatAuthentication.Fail(ChatProblems.Unauthorized(code, detail, "invalid_token"));
        }

        context.User = outcome.Principal;
        return ChatAuthentication.Success(outcome.Principal);
    }

    /// <summary>Authenticates, or writes the 401 answer and returns false (for middleware that then stops the pipeline).</summary>
    public async Task<bool> AuthenticateOrChallengeAsync(HttpContext context)
    {
        var result = await AuthenticateAsync(context);
        if (result.Challenge is not null)
        {
            await result.Challenge.ExecuteAsync(context);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Validates a raw token. The principal is the server principal (the server role in <c>roles</c>) or has a usable
    /// user-id claim; otherwise the token is refused.
    /// </summary>
    public async Task<TokenOutcome> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await ValidateWithKeysAsync(token, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && _authority is not null)
        {
            _authority.RequestRefresh();
            result = await ValidateWithKeysAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return new TokenOutcome(null, result.Exception?.GetType().Name ?? "invalid", result.Exception is SecurityTokenExpiredException);
        }

        if (result.SecurityToken is not JsonWebToken jwt)
        {
            return new TokenOutcome(null, "not a JWS compact token", false);
        }

        // A server token (the server role in `roles`) is never a user, so it needs no user-id claim.
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var isServer = ChatPrincipal.IsServer(principal, _options);
        if (TokenRules.Violation(jwt, _options, DateTimeOffset.UtcNow, requireUserId: !isServer) is { } violation)
        {
            return new TokenOutcome(null, violation, false);
        }

        return isServer || ChatPrincipal.ToUser(principal, _options) is not null
            ? new TokenOutcome(principal, "valid", false)
            : new TokenOutcome(null, $"no usable '{_options.UserIdClaim}' claim", false);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private async Task<TokenValidationParameters> ParametersAsync(CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = _options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
            NameClaimType = _options.NameClaim,
            RoleClaimType = "roles",
        };

        var issuers = _options.AcceptedIssuers();
        if (_devKey is not null)
        {
            parameters.IssuerSigningKey = _devKey;
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            parameters.ValidIssuers = issuers;
            return parameters;
        }

        var configuration = await _authority!.GetConfigurationAsync(cancellationToken);
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidAlgorithms = AsymmetricAlgorithms;
        parameters.ValidIssuers = issuers.Count > 0 ? issuers : [configuration.Issuer];
        return parameters;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var values = request.Headers[HeaderNames.Authorization];
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}

/// <summary>The result of token validation; <see cref="Reason"/> is safe to log (never the token).</summary>
public sealed record TokenOutcome(ClaimsPrincipal? Principal, string Reason, bool Expired);

/// <summary>Either the validated principal or the 401 answer to write.</summary>
public sealed record ChatAuthentication(ClaimsPrincipal? Principal, IResult? Challenge)
{
    public static ChatAuthentication Success(ClaimsPrincipal principal) => new(principal, null);

    public static ChatAuthentication Fail(IResult challenge) => new(null, ChatResponse.Of(challenge));
}
