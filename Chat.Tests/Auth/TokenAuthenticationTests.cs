using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Chat.Shared.Auth;
using Chat.Tests.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Tests.Auth;

/// <summary>Every token problem answers 401 with <c>WWW-Authenticate: Bearer</c> and a problem body, before any handler runs.</summary>
public sealed class TokenAuthenticationTests
{
    public static TheoryData<string> BadTokens => new(BadTokenCases.Keys);

    private static readonly Dictionary<string, (Func<string?> Header, string Code)> BadTokenCases = new()
    {
        ["missing"] = (() => null, "auth.missing_token"),
        ["empty bearer"] = (() => "Bearer ", "auth.missing_token"),
        ["basic scheme"] = (() => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:secret")), "auth.missing_token"),
        ["malformed"] = (() => "Bearer not-a-jwt", "auth.invalid_token"),
        ["expired"] = (() => Bearer(Token(now: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1))), "auth.token_expired"),
        ["not yet valid"] = (() => Bearer(Token(now: DateTimeOffset.UtcNow.AddHours(1))), "auth.invalid_token"),
        ["wrong issuer"] = (() => Bearer(Token(issuer: "https://evil.test")), "auth.invalid_token"),
        ["wrong audience"] = (() => Bearer(Token(audience: "someone-else")), "auth.invalid_token"),
        ["wrong key"] = (() => Bearer(Token(key: Convert.ToBase64String(new byte[32]))), "auth.invalid_token"),
        ["alg none"] = (() => Bearer(Unsigned()), "auth.invalid_token"),
        ["no exp"] = (() => Bearer(Token(withExpiry: false)), "auth.invalid_token"),
        ["missing user id claim"] = (() => Bearer(Token(userIdClaim: "uid")), "auth.invalid_token"),
        ["invalid user id"] = (() => Bearer(Token(userId: "alice/../bob")), "auth.invalid_token"),
        ["hs512 algorithm"] = (() => Bearer(Token(algorithm: SecurityAlgorithms.HmacSha512, key: Convert.ToBase64String(Enumerable.Repeat((byte)7, 64).ToArray()))), "auth.invalid_token"),
        ["tampered payload"] = (() => Bearer(Tampered()), "auth.invalid_token"),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Request_Returns401WithBearerChallengeAndProblem_ForBadToken(string name)
    {
        await using var host = await ChatApiHost.StartAsync();
        var (header, code) = BadTokenCases[name];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/conversations");
        if (header() is { } value)
        {
            request.Headers.TryAddWithoutValidation("Authorization", value);
        }

        var response = await host.Client.SendAsync(request);

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, code);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (code != "auth.missing_token")
        {
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Request_Returns401BeforeTouchingStore_ForBadToken()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations") { Content = ApiJson.Body("""{"participantIds":["bob"]}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(issuer: "https://evil.test"));

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Store.Calls);
    }

    [Fact]
    public async Task Request_UsesUserIdAndNameFromToken_WhenTokenIsValid()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations") { Content = ApiJson.Body("""{"participantIds":["bob"]}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", Token(userId: "auth0|123", name: "Dana"));

        var body = await ApiJson.ReadOkAsync(await host.Client.SendAsync(request), HttpStatusCode.Created);

        var creator = body["participants"]!.AsArray().Single(p => p!["userId"]!.GetValue<string>() == "auth0|123")!;
        Assert.Equal("Dana", creator["displayName"]!.GetValue<string>());
        Assert.Equal("auth0|123", body["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_ReadsConfiguredClaims_WhenUserIdClaimIsCustom()
    {
        await using var host = await ChatApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:Auth:UserIdClaim"] = "oid",
            ["Chat:Auth:NameClaim"] = "preferred_username",
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/unread");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(userIdClaim: "oid", nameClaim: "preferred_username"));
        using var subOnly = new HttpRequestMessage(HttpMethod.Get, "/api/unread");
        subOnly.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());

        var accepted = await host.Client.SendAsync(request);
        var refused = await host.Client.SendAsync(subOnly);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static string Token(
        string userId = "alice", string? name = "Alice", string issuer = ChatApiHost.Issuer, string audience = ChatApiHost.Audience,
        string? key = null, DateTimeOffset? now = null, TimeSpan? lifetime = null, string userIdClaim = "sub", string nameClaim = "name",
        bool withExpiry = true, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var issuedAt = now ?? DateTimeOffset.UtcNow;
        var claims = new List<Claim> { new(userIdClaim, userId) };
        if (name is not null)
        {
            claims.Add(new Claim(nameClaim, name));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = withExpiry ? (issuedAt + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? ChatApiHost.SigningKey)), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature, claiming to be alice.</summary>
    private static string Unsigned()
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""{"sub":"alice","iss":"{{ChatApiHost.Issuer}}","aud":"{{ChatApiHost.Audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>A validly signed token for alice whose payload was swapped for mallory's.</summary>
    private static string Tampered()
    {
        var parts = Token().Split('.');
        var mallory = Token(userId: "mallory").Split('.');
        return $"{parts[0]}.{mallory[1]}.{parts[2]}";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
