using System.Security.Cryptography;
using Chat.Shared.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Tests.Auth;

/// <summary>Production mode: keys and issuer come from the authority's OpenID Connect configuration.</summary>
public sealed class AuthorityTokenValidationTests : IDisposable
{
    private const string Issuer = "https://login.example.test/tenant/v2.0";
    private const string Audience = "api://funcchat";

    private readonly RSA _current = RSA.Create(2048);
    private readonly RSA _next = RSA.Create(2048);

    [Fact]
    public async Task ValidateAsync_AcceptsRs256Token_SignedWithAuthorityKey()
    {
        var validator = Validator(new SwitchableConfiguration(Configuration(Key(_current, "k1"))));

        var outcome = await validator.ValidateAsync(Token(Key(_current, "k1")), CancellationToken.None);

        Assert.NotNull(outcome.Principal);
        Assert.Equal("alice", outcome.Principal.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task AuthenticateAsync_Answers503WithRetryAfter_WhenTheAuthorityCannotBeReached()
    {
        var validator = Validator(new UnreachableConfiguration());
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + Token(Key(_current, "k1"));
        context.Response.Body = new MemoryStream();
        context.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();

        var authenticated = await validator.AuthenticateOrChallengeAsync(context);

        Assert.False(authenticated);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.True(context.Response.Headers.ContainsKey("Retry-After"));
        context.Response.Body.Position = 0;
        Assert.Contains("auth.keys_unavailable", await new StreamReader(context.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_RefreshesKeysOnce_WhenTokenUsesARotatedKey()
    {
        var configuration = new SwitchableConfiguration(Configuration(Key(_current, "k1")), Configuration(Key(_next, "k2")));
        var validator = Validator(configuration);

        var outcome = await validator.ValidateAsync(Token(Key(_next, "k2")), CancellationToken.None);

        Assert.NotNull(outcome.Principal);
        Assert.Equal(1, configuration.Refreshes);
    }

    [Fact]
    public async Task ValidateAsync_RejectsSymmetricToken_InAuthorityMode()
    {
        var validator = Validator(new SwitchableConfiguration(Configuration(Key(_current, "k1"))));
        var hmac = new SymmetricSecurityKey(new byte[32]) { KeyId = "k1" };

        var outcome = await validator.ValidateAsync(Token(hmac, SecurityAlgorithms.HmacSha256), CancellationToken.None);

        Assert.Null(outcome.Principal);
    }

    [Fact]
    public async Task ValidateAsync_RejectsToken_FromAnotherIssuerWithTheSameKey()
    {
        var validator = Validator(new SwitchableConfiguration(Configuration(Key(_current, "k1"))));

        var outcome = await validator.ValidateAsync(Token(Key(_current, "k1"), issuer: "https://other.example.test/"), CancellationToken.None);

        Assert.Null(outcome.Principal);
    }

    public static TheoryData<string> RefusedShapes => new(["crit", "crit empty", "numeric sub", "array sub", "object sub", "century lifetime", "25 hours"]);

    [Theory]
    [MemberData(nameof(RefusedShapes))]
    public async Task ValidateAsync_RejectsCorrectlySignedToken_WithRefusedShape(string shape)
    {
        var validator = Validator(new SwitchableConfiguration(Configuration(Key(_current, "k1"))));
        var token = shape switch
        {
            "crit" => Token(Key(_current, "k1"), header: new() { ["crit"] = new[] { "urn:example:unknown" }, ["urn:example:unknown"] = true }),
            "crit empty" => Token(Key(_current, "k1"), header: new() { ["crit"] = Array.Empty<string>() }),
            "numeric sub" => Token(Key(_current, "k1"), subject: 42),
            "array sub" => Token(Key(_current, "k1"), subject: new[] { "alice" }),
            "object sub" => Token(Key(_current, "k1"), subject: new Dictionary<string, object> { ["sub"] = "alice" }),
            "century lifetime" => Token(Key(_current, "k1"), lifetime: TimeSpan.FromDays(36525)),
            _ => Token(Key(_current, "k1"), lifetime: TimeSpan.FromHours(25)),
        };

        var outcome = await validator.ValidateAsync(token, CancellationToken.None);

        Assert.Null(outcome.Principal);
        Assert.False(outcome.Expired);
    }

    [Fact]
    public async Task ValidateAsync_AcceptsTheSameBuilderWithAStringSubAndNoCrit()
    {
        var validator = Validator(new SwitchableConfiguration(Configuration(Key(_current, "k1"))));

        var outcome = await validator.ValidateAsync(
            Token(Key(_current, "k1"), header: new() { ["x-client"] = "ios" }, subject: "42", lifetime: TimeSpan.FromHours(24)), CancellationToken.None);

        Assert.Equal("42", outcome.Principal?.FindFirst("sub")?.Value);
    }

    public void Dispose()
    {
        _current.Dispose();
        _next.Dispose();
    }

    private static ChatTokenValidator Validator(IConfigurationManager<OpenIdConnectConfiguration> configuration) =>
        new(Microsoft.Extensions.Options.Options.Create(new ChatAuthOptions { Authority = "https://login.example.test/tenant/v2.0", Audience = Audience }),
            NullLogger<ChatTokenValidator>.Instance, configuration);

    private static RsaSecurityKey Key(RSA rsa, string id) => new(rsa) { KeyId = id };

    private static OpenIdConnectConfiguration Configuration(SecurityKey key)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(key);
        return configuration;
    }

    private static string Token(
        SecurityKey key, string algorithm = SecurityAlgorithms.RsaSha256, string issuer = Issuer,
        Dictionary<string, object>? header = null, object? subject = null, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject ?? "alice" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>Serves the first configuration until a refresh is requested, then the second (a key rotation).</summary>
    private sealed class UnreachableConfiguration : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) =>
            throw new InvalidOperationException("IDX20803: Unable to obtain configuration.");

        public void RequestRefresh()
        {
        }
    }

    private sealed class SwitchableConfiguration(OpenIdConnectConfiguration first, OpenIdConnectConfiguration? afterRefresh = null)
        : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public int Refreshes { get; private set; }

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) =>
            Task.FromResult(Refreshes > 0 && afterRefresh is not null ? afterRefresh : first);

        public void RequestRefresh() => Refreshes++;
    }
}
