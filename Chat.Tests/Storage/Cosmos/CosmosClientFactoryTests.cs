using System.Net.Security;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosClientFactoryTests
{
    private const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    [Fact]
    public void CreateFromConnectionString_UsesGatewayAndEmulatorCertificateHandling_ForLocalhost()
    {
        using var client = CosmosClientFactory.CreateFromConnectionString(
            $"AccountEndpoint=https://localhost:8081/;AccountKey={EmulatorKey}", new CosmosSettings(), NullLoggerFactory.Instance);

        Assert.Equal(ConnectionMode.Gateway, client.ClientOptions.ConnectionMode);
        Assert.NotNull(client.ClientOptions.HttpClientFactory);
        Assert.True(client.ClientOptions.LimitToEndpoint);
        Assert.Equal("FuncChat", client.ClientOptions.ApplicationName);
        var serializer = client.ClientOptions.UseSystemTextJsonSerializerWithOptions!;
        Assert.Equal(System.Text.Json.JsonNamingPolicy.CamelCase, serializer.PropertyNamingPolicy);
        Assert.Equal(CosmosJson.Options.Converters.Select(c => c.GetType()), serializer.Converters.Select(c => c.GetType()));
        Assert.Contains(client.ClientOptions.CustomHandlers, h => h is CosmosRequestRecorder);
        // SPEC 5: the SDK's default 429 retry budget or more (documented on CosmosClientOptions: 9 attempts, 30 seconds).
        Assert.True(client.ClientOptions.MaxRetryAttemptsOnRateLimitedRequests >= 9);
        Assert.True(client.ClientOptions.MaxRetryWaitTimeOnRateLimitedRequests >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void CreateFromConnectionString_KeepsCertificateValidation_ForRemoteEndpoints()
    {
        using var client = CosmosClientFactory.CreateFromConnectionString(
            $"AccountEndpoint=https://cosmos.example.com:443/;AccountKey={EmulatorKey}", new CosmosSettings(), NullLoggerFactory.Instance);

        Assert.Null(client.ClientOptions.HttpClientFactory);
    }

    [Theory]
    [InlineData("https://localhost:8081/", SslPolicyErrors.RemoteCertificateChainErrors, true)]
    [InlineData("https://127.0.0.1:8081/", SslPolicyErrors.RemoteCertificateNameMismatch, true)]
    [InlineData("https://[::1]:8081/", SslPolicyErrors.RemoteCertificateChainErrors, true)]
    [InlineData("https://cosmos.example.com/", SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData("https://localhost.example.com/", SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData("https://cosmos.example.com/", SslPolicyErrors.None, true)]
    public void AcceptEmulatorCertificate_AcceptsErrorsOnlyForLoopback(string uri, SslPolicyErrors errors, bool accepted)
    {
        Assert.Equal(accepted, CosmosClientFactory.AcceptEmulatorCertificate(new Uri(uri), errors));
    }

    [Fact]
    public void Create_UsesDirectModeAndNoKey_WhenAccountEndpointIsConfigured()
    {
        var configuration = Configuration(new()
        {
            ["CosmosDb:accountEndpoint"] = "https://funcchat.documents.azure.com:443/",
            ["CosmosDb:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        using var client = CosmosClientFactory.Create(configuration, new CosmosSettings(), NullLoggerFactory.Instance);

        Assert.Equal(ConnectionMode.Direct, client.ClientOptions.ConnectionMode);
        Assert.Equal(new Uri("https://funcchat.documents.azure.com:443/"), client.Endpoint);
        Assert.Null(client.ClientOptions.HttpClientFactory);
    }

    [Fact]
    public void Create_Throws_WhenNoConnectionIsConfigured()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CosmosClientFactory.Create(Configuration(new()), new CosmosSettings(), NullLoggerFactory.Instance));

        Assert.Contains("CosmosDb__accountEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddChatCosmos_RegistersOneClientAndBothStores_FromConfiguration()
    {
        var configuration = Configuration(new()
        {
            ["CosmosDb"] = $"AccountEndpoint=https://localhost:8081/;AccountKey={EmulatorKey}",
            ["Chat:Cosmos:DatabaseName"] = "chat-local",
        });
        using var provider = new ServiceCollection().AddLogging().AddSingleton(configuration).AddChatCosmos().BuildServiceProvider();

        var client = provider.GetRequiredService<CosmosClient>();
        var containers = provider.GetRequiredService<CosmosContainers>();

        Assert.Same(client, provider.GetRequiredService<CosmosClient>());
        Assert.IsType<CosmosChatStore>(provider.GetRequiredService<IChatStore>());
        Assert.IsType<CosmosTypingStore>(provider.GetRequiredService<ITypingStore>());
        Assert.IsType<CosmosPresenceStore>(provider.GetRequiredService<IPresenceStore>());
        Assert.Equal("chat-local", containers.Chat.Database.Id);
        Assert.Equal(
            ["chat", "userConversations", "typing", "presence"],
            new[] { containers.Chat.Id, containers.UserConversations.Id, containers.Typing.Id, containers.Presence.Id });
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
