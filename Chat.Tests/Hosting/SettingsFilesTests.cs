using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.Shared.Http;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Blobs;
using Chat.Shared.Storage.Cosmos;
using Chat.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Hosting;

/// <summary>host.json and local.settings.sample.json are read by the Functions host, which cannot run here: check them as data.</summary>
public class SettingsFilesTests
{
    private const string CosmosEmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    // The SignalR emulator's fixed access key (AppBuilderExtensions.AccessKey in Azure/azure-signalr).
    private const string SignalREmulatorKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

    private const string DevOrigin = "http://localhost:5173";

    [Fact]
    public void HostJson_SetsVersionAndTheApiRoutePrefix()
    {
        using var host = Read("host.json");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void SampleSettings_ListEveryChatOption_WithItsDefault()
    {
        var values = SampleValues();

        AssertListed(values, "Chat", new ChatOptions());
    }

    /// <summary>Every writable setting of <paramref name="defaults"/> (nested option classes as sub-sections) with its default value.</summary>
    private static void AssertListed(Dictionary<string, string> values, string section, object defaults)
    {
        foreach (var property in defaults.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{section}:{property.Name}";
            var value = property.GetValue(defaults);
            if (value is not null && property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                AssertListed(values, key, value);
                continue;
            }

            Assert.True(values.ContainsKey(key), $"{key} is missing from local.settings.sample.json");
            Assert.Equal(Format(value), values[key]);
        }
    }

    [Theory]
    [InlineData(typeof(Chat.Shared.Auth.ChatAuthOptions), Chat.Shared.Auth.ChatAuthOptions.SectionName)]
    [InlineData(typeof(Chat.Shared.Storage.Cosmos.CosmosSettings), Chat.Shared.Storage.Cosmos.CosmosSettings.SectionName)]
    [InlineData(typeof(Chat.Shared.Storage.Blobs.AttachmentStorageSettings), Chat.Shared.Storage.Blobs.AttachmentStorageSettings.SectionName)]
    [InlineData(typeof(Chat.Shared.Events.ChatEventsOptions), Chat.Shared.Events.ChatEventsOptions.SectionName)]
    [InlineData(typeof(Chat.Shared.Events.NotificationOptions), Chat.Shared.Events.NotificationOptions.SectionName)]
    public void SampleSettings_ListEverySettingOfEachSection(Type options, string section)
    {
        var values = SampleValues();

        var missing = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{section}:{p.Name}")
            .Where(key => !values.ContainsKey(key))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void SampleSettings_BindAndValidate()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(SampleValues()!).Build());
        services.AddLogging();
        services.AddSingleton<IChatStore, InMemoryChatStore>();
        services.AddSingleton<ITypingStore, InMemoryTypingStore>();
        services.AddSingleton<IPresenceStore>(new InMemoryPresenceStore());
        services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        services.AddChatCore();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ChatOptions>>().Value;

        Assert.True(options.IsAllowedContentType("image/png"));
    }

    /// <summary>
    /// Program.cs's composition from Chat.Shared (all but the SignalR connection, which lives in Chat.Functions) with the
    /// sample settings: every service it registers can be constructed from what the others register, so the host cannot
    /// start with a port nobody provides. Nothing is resolved, so no connection is opened.
    /// </summary>
    [Fact]
    public void SampleSettings_ComposeTheAppsServices_WithEveryDependencyRegistered()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(SampleValues()!).Build());
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new DevelopmentEnvironment());
        services.AddLogging();
        services.AddChatHttp().AddChatCosmos().AddChatBlobStorage().AddChatEvents();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<CosmosChatStore>(provider.GetRequiredService<IChatStore>());
    }

    [Fact]
    public void SampleSettings_UseTheIsolatedWorker_AndOnlyPublicEmulatorKeys()
    {
        var values = SampleValues();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Contains($"AccountKey={CosmosEmulatorKey}", values["CosmosDb"], StringComparison.Ordinal);
        Assert.Contains("localhost", values["CosmosDb"], StringComparison.Ordinal);
        Assert.Equal($"Endpoint=http://localhost;Port=8888;AccessKey={SignalREmulatorKey};Version=1.0;", values["AzureSignalRConnectionString"]);
    }

    [Fact]
    public void SampleSettings_LetTheCosmosTriggerSkipTheEmulatorCertificate_AndStillMakeTheAppsEmulatorClient()
    {
        var connection = SampleValues()["CosmosDb"];

        using var client = Chat.Shared.Storage.Cosmos.CosmosClientFactory.CreateFromConnectionString(
            connection, new Chat.Shared.Storage.Cosmos.CosmosSettings(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        // The host's Cosmos DB extension builds its client from this string; the SDK reads the flag from it.
        Assert.Contains("DisableServerCertificateValidation=True;", connection, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://localhost:8081/"), client.Endpoint);
        Assert.NotNull(client.ClientOptions.HttpClientFactory);
    }

    [Fact]
    public void SampleSettings_AllowCredentialedCorsForTheDocumentedDevOrigin_WithoutAWildcard()
    {
        using var settings = Read("local.settings.sample.json");
        var host = settings.RootElement.GetProperty("Host");
        var origins = host.GetProperty("CORS").GetString()!.Split(',');

        // Browsers refuse credentialed responses for "*"; the SignalR client sends credentials, so list origins.
        Assert.True(host.GetProperty("CORSCredentials").GetBoolean());
        Assert.DoesNotContain("*", origins);
        Assert.Contains(DevOrigin, origins);
        Assert.All(origins, origin => Assert.Equal(origin.Trim(), origin));
        Assert.Contains($"`{DevOrigin}`", File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void SampleSettings_WithTheKeyTheStartScriptWrites_PassAuthValidationInDevelopment()
    {
        var sample = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "local.settings.sample.json"));
        Assert.Contains("\"Chat:Auth:DevSigningKey\": \"\"", sample, StringComparison.Ordinal);
        var values = SampleValues();
        values["Chat:Auth:DevSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values!).Build();
        var options = configuration.GetSection(Chat.Shared.Auth.ChatAuthOptions.SectionName).Get<Chat.Shared.Auth.ChatAuthOptions>()!;
        var validator = new Chat.Shared.Auth.ChatAuthOptionsValidator(new DevelopmentEnvironment(), _ => null);

        var result = validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private sealed class DevelopmentEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "Chat.Functions";
        public string ContentRootPath { get; set; } = ".";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString(),
    };

    internal static Dictionary<string, string> SampleValues()
    {
        using var settings = Read("local.settings.sample.json");
        return settings.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    internal static JsonDocument Read(string relativePath) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, relativePath)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
}
