using Chat.Shared.Auth;
using Chat.Shared.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Auth;

public sealed class ChatAuthOptionsValidatorTests
{
    private static readonly string GoodKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Validate_Succeeds_ForDevelopmentKeyInDevelopment()
    {
        var result = Validator("Development").Validate(null, DevOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_Succeeds_ForAuthorityInProduction()
    {
        var result = Validator("Production").Validate(null, new ChatAuthOptions { Authority = "https://login.example.com/tenant/v2.0", Audience = "api://funcchat" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    public void Validate_RefusesMaxTokenLifetime_ThatIsNotPositive(string lifetime)
    {
        var options = DevOptions();
        options.MaxTokenLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture);

        var result = Validator("Development").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MaxTokenLifetime", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesDevelopmentKey_WhenAuthorityIsAlsoConfigured()
    {
        var options = DevOptions();
        options.Authority = "https://login.example.com/";

        var result = Validator("Development").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("refused when Chat:Auth:Authority", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Validate_RefusesDevelopmentKey_OutsideDevelopment(string environment)
    {
        var result = Validator(environment).Validate(null, DevOptions());

        Assert.True(result.Failed);
        Assert.Contains("outside the Development environment", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void Validate_RefusesDevelopmentKey_WhenRunningInAzure(string marker)
    {
        var result = Validator("Development", name => name == marker ? "set-by-azure" : null).Validate(null, DevOptions());

        Assert.True(result.Failed);
        Assert.Contains(marker, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Validate_RefusesDevelopmentKey_WhenNotBase64OfAtLeast32Bytes(string key)
    {
        var options = DevOptions();
        options.DevSigningKey = key;

        var result = Validator("Development").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("at least 32 bytes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Fails_WhenNeitherAuthorityNorKeyIsConfigured()
    {
        var result = Validator("Production").Validate(null, new ChatAuthOptions { Audience = "api" });

        Assert.True(result.Failed);
    }

    [Theory]
    [InlineData("http://login.example.com/")]
    [InlineData("login.example.com")]
    public void Validate_RefusesAuthority_WhenNotAbsoluteHttps(string authority)
    {
        var result = Validator("Production").Validate(null, new ChatAuthOptions { Authority = authority, Audience = "api" });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_Fails_WhenAudienceIsMissing()
    {
        var options = DevOptions();
        options.Audience = null;

        Assert.True(Validator("Development").Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_Fails_WhenDevelopmentKeyHasNoIssuer()
    {
        var options = DevOptions();
        options.Issuer = null;

        Assert.True(Validator("Development").Validate(null, options).Failed);
    }

    [Fact]
    public async Task StartAsync_Throws_WhenDevelopmentKeyIsConfiguredInProduction()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Auth:DevSigningKey"] = GoodKey,
            ["Chat:Auth:Issuer"] = "dev",
            ["Chat:Auth:Audience"] = "api",
        });
        builder.Services.AddChatHttp();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("outside the Development environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatAuth_BindsOptionsFromChatAuthSection()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:Auth:Authority"] = "https://login.example.com/",
            ["Chat:Auth:Audience"] = "api",
            ["Chat:Auth:UserIdClaim"] = "oid",
            ["Chat:Auth:ValidIssuers:0"] = "https://a.example.com/",
            ["Chat:Auth:ClockSkew"] = "00:00:30",
        }).Build());
        services.AddSingleton<IHostEnvironment>(new TestEnvironment("Production"));
        services.AddChatAuth();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ChatAuthOptions>>().Value;

        Assert.Equal("oid", options.UserIdClaim);
        Assert.Equal(["https://a.example.com/"], options.ValidIssuers);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
    }

    private static ChatAuthOptions DevOptions() => new() { DevSigningKey = GoodKey, Issuer = "funcchat-dev", Audience = "funcchat" };

    private static ChatAuthOptionsValidator Validator(string environment, Func<string, string?>? variables = null) =>
        new(new TestEnvironment(environment), variables ?? (_ => null));

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Chat.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
