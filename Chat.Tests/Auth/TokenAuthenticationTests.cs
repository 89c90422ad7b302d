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
        ["crit naming an unknown extension"] = (() => Bearer(Shaped(header: new() { ["crit"] = new[] { "urn:example:policy" }, ["urn:example:policy"] = "x" })), "auth.invalid_token"),
        ["crit naming exp"] = (() => Bearer(Shaped(header: new() { ["crit"] = new[] { "exp" } })), "auth.invalid_token"),
        ["crit empty list"] = (() => Bearer(Shaped(header: new() { ["crit"] = Array.Empty<string>() })), "auth.invalid_token"),
        ["crit as a string"] = (() => Bearer(Shaped(header: new() { ["crit"] = "b64" })), "auth.invalid_token"),
        ["numeric sub"] = (() => Bearer(Shaped(subject: 12345)), "auth.invalid_token"),
        ["boolean sub"] = (() => Bearer(Shaped(subject: true)), "auth.invalid_token"),
        ["array sub"] = (() => Bearer(Shaped(subject: new[] { "alice", "bob" })), "auth.invalid_token"),
        ["object sub"] = (() => Bearer(Shaped(subject: new Dictionary<string, object> { ["id"] = "alice" })), "auth.invalid_token"),
        ["lifetime of a century"] = (() => Bearer(Token(lifetime: TimeSpan.FromDays(36525))), "auth.invalid_token"),
        ["lifetime a minute over the maximum"] = (() => Bearer(Token(lifetime: TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1))), "auth.invalid_token"),
        ["far exp without iat or nbf"] = (() => Bearer(Shaped(omitIssuedAt: true, expires: DateTimeOffset.UtcNow.AddDays(10))), "auth.invalid_token"),
        ["recent-looking iat before a far exp"] = (() => Bearer(Shaped(issuedAt: DateTimeOffset.UtcNow.AddDays(10), expires: DateTimeOffset.UtcNow.AddDays(10).AddHours(1))), "auth.invalid_token"),
    };

    public static TheoryData<string> AcceptedShapes => new(AcceptedShapeCases.Keys);

    /// <summary>Tokens built with the same helpers as the refused ones above, differing only in the rule's subject.</summary>
    private static readonly Dictionary<string, Func<string>> AcceptedShapeCases = new()
    {
        ["string sub"] = () => Shaped(subject: "alice"),
        ["digits as a string sub"] = () => Shaped(subject: "12345"),
        ["date-like string sub"] = () => Shaped(subject: "2026-11-24T12:00:00Z"),
        ["other header parameters"] = () => Shaped(header: new() { ["x-client"] = "ios", ["x-build"] = 7 }),
        ["lifetime exactly the maximum"] = () => Token(lifetime: TimeSpan.FromHours(24)),
        ["near exp without iat or nbf"] = () => Shaped(omitIssuedAt: true, expires: DateTimeOffset.UtcNow.AddHours(1)),
    };

    [Theory]
    [MemberData(nameof(AcceptedShapes))]
    public async Task Request_IsAuthenticated_ForAcceptedTokenShape(string name)
    {
        await using var host = await ChatApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/unread");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AcceptedShapeCases[name]());

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_HonoursConfiguredMaxTokenLifetime()
    {
        await using var host = await ChatApiHost.StartAsync(new Dictionary<string, string?> { ["Chat:Auth:MaxTokenLifetime"] = "00:30:00" });
        using var shortLived = new HttpRequestMessage(HttpMethod.Get, "/api/unread");
        shortLived.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(lifetime: TimeSpan.FromMinutes(30)));
        using var hourLong = new HttpRequestMessage(HttpMethod.Get, "/api/unread");
        hourLong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(lifetime: TimeSpan.FromHours(1)));

        var accepted = await host.Client.SendAsync(shortLived);
        var refused = await host.Client.SendAsync(hourLong);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await ApiJson.ReadProblemAsync(refused, HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

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

    /// <summary>
    /// A correctly signed development token whose header gets <paramref name="header"/> and whose <c>sub</c> is
    /// <paramref name="subject"/> as given (a number stays a JSON number).
    /// </summary>
    private static string Shaped(
        Dictionary<string, object>? header = null, object? subject = null, DateTimeOffset? issuedAt = null, DateTimeOffset? expires = null,
        bool omitIssuedAt = false)
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset? start = omitIssuedAt ? null : issuedAt ?? now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = ChatApiHost.Issuer,
            Audience = ChatApiHost.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject ?? "alice" },
            IssuedAt = start?.UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(ChatApiHost.SigningKey)), SecurityAlgorithms.HmacSha256),
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
