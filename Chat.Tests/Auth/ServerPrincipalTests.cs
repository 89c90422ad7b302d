using System.Net;
using System.Net.Http.Headers;
using Chat.Shared.Auth;
using Chat.Tests.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Tests.Auth;

/// <summary>
/// The server principal: a token from the same issuer carrying the server role in <c>roles</c> is the app's backend,
/// never a user, whatever its <c>sub</c>; every other token rule holds for it too.
/// </summary>
public sealed class ServerPrincipalTests
{
    [Fact]
    public async Task ServerToken_IsValid_AndIsTheServerNotAUser()
    {
        var token = DevTokenIssuer.IssueServer(ChatApiHost.TokenSettings, "backend", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        var outcome = await Validator().ValidateAsync(token, CancellationToken.None);

        Assert.NotNull(outcome.Principal);
        Assert.True(ChatPrincipal.IsServer(outcome.Principal, Options()));
        Assert.Null(ChatPrincipal.ToUser(outcome.Principal, Options()));
    }

    [Fact]
    public void ServerToken_CarriesTheRoleAsAJsonArray_LikeEntraAppTokens()
    {
        var token = new JsonWebToken(DevTokenIssuer.IssueServer(ChatApiHost.TokenSettings, "backend", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));

        Assert.Equal("""["Chat.Server"]""", System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))
            .RootElement.GetProperty("roles").GetRawText());
        Assert.Equal("backend", token.Subject);
    }

    [Fact]
    public async Task ServerToken_WithoutSub_IsValid()
    {
        var token = Mint(new Dictionary<string, object> { ["roles"] = new[] { "Chat.Server" } });

        var outcome = await Validator().ValidateAsync(token, CancellationToken.None);

        Assert.True(ChatPrincipal.IsServer(outcome.Principal, Options()));
    }

    [Fact]
    public async Task ServerToken_WithACritHeader_IsRefused()
    {
        var token = Mint(new Dictionary<string, object> { ["roles"] = new[] { "Chat.Server" } }, header: new() { ["crit"] = new[] { "exp" } });

        var outcome = await Validator().ValidateAsync(token, CancellationToken.None);

        Assert.Null(outcome.Principal);
    }

    [Fact]
    public async Task UserToken_WithAnotherRole_IsAUser()
    {
        var token = Mint(new Dictionary<string, object> { ["sub"] = "alice", ["roles"] = new[] { "Chat.Reader", "chat.server" } });

        var outcome = await Validator().ValidateAsync(token, CancellationToken.None);

        Assert.False(ChatPrincipal.IsServer(outcome.Principal, Options()));
        Assert.Equal("alice", ChatPrincipal.ToUser(outcome.Principal, Options())!.Id);
    }

    [Fact]
    public async Task TokenWithoutRoleOrSub_IsRefused()
    {
        var token = Mint(new Dictionary<string, object> { ["roles"] = new[] { "Chat.Reader" } });

        var outcome = await Validator().ValidateAsync(token, CancellationToken.None);

        Assert.Null(outcome.Principal);
    }

    [Fact]
    public async Task ServerRole_IsConfigurable()
    {
        var settings = ChatApiHost.TokenSettings with { ServerRole = "Orders.Backend" };
        var token = DevTokenIssuer.IssueServer(settings, "backend", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        var configured = Options();
        configured.ServerRole = "Orders.Backend";

        var accepted = await Validator(configured).ValidateAsync(token, CancellationToken.None);
        var withDefault = await Validator().ValidateAsync(DevTokenIssuer.IssueServer(settings, "backend", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(ChatPrincipal.IsServer(accepted.Principal, configured));
        Assert.False(ChatPrincipal.IsServer(withDefault.Principal, Options()));
        Assert.Equal("backend", ChatPrincipal.ToUser(withDefault.Principal, Options())!.Id);
    }

    [Fact]
    public async Task ServerToken_Expired_Answers401()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/server/conversations?key=k");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokenIssuer.IssueServer(ChatApiHost.TokenSettings, "backend", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-1)));

        var response = await host.Client.SendAsync(request);

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.token_expired");
    }

    [Fact]
    public void ServerRole_MustNotBeEmpty()
    {
        var options = Options();
        options.ServerRole = " ";

        var result = new ChatAuthOptionsValidator(new DevelopmentEnvironment(), _ => null).Validate(null, options);

        Assert.Contains("Chat:Auth:ServerRole must not be empty.", result.Failures ?? []);
    }

    private static ChatAuthOptions Options() => new()
    {
        DevSigningKey = ChatApiHost.SigningKey,
        Issuer = ChatApiHost.Issuer,
        Audience = ChatApiHost.Audience,
    };

    private static ChatTokenValidator Validator(ChatAuthOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), NullLogger<ChatTokenValidator>.Instance);

    private static string Mint(Dictionary<string, object> claims, Dictionary<string, object>? header = null)
    {
        var now = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ChatApiHost.Issuer,
            Audience = ChatApiHost.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            Expires = now.AddMinutes(30).UtcDateTime,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(ChatApiHost.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private sealed class DevelopmentEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "Chat.Tests";
        public string ContentRootPath { get; set; } = ".";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
