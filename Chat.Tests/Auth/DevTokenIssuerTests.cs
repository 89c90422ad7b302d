using Chat.Shared.Auth;
using Chat.Tests.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Chat.Tests.Auth;

public sealed class DevTokenIssuerTests
{
    [Fact]
    public async Task Issue_MintsTokenTheDevelopmentValidatorAccepts_WithUserIdAndName()
    {
        var token = DevTokenIssuer.Issue(ChatApiHost.TokenSettings, "alice", "Alice", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        var outcome = await DevValidator().ValidateAsync(token, CancellationToken.None);

        Assert.NotNull(outcome.Principal);
        Assert.Equal("alice", outcome.Principal.FindFirst("sub")?.Value);
        Assert.Equal("Alice", outcome.Principal.FindFirst("name")?.Value);
    }

    [Fact]
    public void Issue_SetsLifetimeAndHs256_FromArguments()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        var token = new JsonWebToken(DevTokenIssuer.Issue(ChatApiHost.TokenSettings, "bob", null, TimeSpan.FromMinutes(60), now));

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(now.UtcDateTime, token.ValidFrom);
        Assert.Equal(now.AddMinutes(60).UtcDateTime, token.ValidTo);
        Assert.Equal(ChatApiHost.Issuer, token.Issuer);
        Assert.Equal([ChatApiHost.Audience], token.Audiences);
        Assert.False(token.TryGetClaim("name", out _));
    }

    [Fact]
    public void Issue_Throws_WhenKeyIsShorterThan32Bytes()
    {
        var settings = ChatApiHost.TokenSettings with { SigningKey = Convert.ToBase64String(new byte[16]) };

        Assert.Throws<ArgumentException>(() => DevTokenIssuer.Issue(settings, "alice", null, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void NewKey_Returns32RandomBytesAsBase64()
    {
        var first = Convert.FromBase64String(DevTokenIssuer.NewKey());
        var second = Convert.FromBase64String(DevTokenIssuer.NewKey());

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }

    private static ChatTokenValidator DevValidator() =>
        new(Microsoft.Extensions.Options.Options.Create(new ChatAuthOptions
        {
            DevSigningKey = ChatApiHost.SigningKey,
            Issuer = ChatApiHost.Issuer,
            Audience = ChatApiHost.Audience,
        }), NullLogger<ChatTokenValidator>.Instance);
}
