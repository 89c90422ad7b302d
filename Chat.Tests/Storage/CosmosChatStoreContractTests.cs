using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Storage;

/// <summary>
/// The store contract against a real Cosmos DB (the emulator locally), plus the round-trip budgets of the hot
/// paths measured by <see cref="CosmosRequestRecorder"/>. Skipped, with the reason, unless
/// CHAT_TEST_COSMOS_CONNECTION holds a connection string. The fixture provisions a database of its own and deletes it.
/// </summary>
[RequiresEnvironment(CosmosFactAttribute.Variable, CosmosFactAttribute.Reason)]
public sealed class CosmosChatStoreContractTests(CosmosStoreFixture fixture) : ChatStoreContractTests, IClassFixture<CosmosStoreFixture>
{
    protected override (IChatStore Chat, ITypingStore Typing) CreateStores() => (fixture.CreateChatStore(), fixture.CreateTypingStore());

    [CosmosFact]
    public async Task TryAppendMessageAsync_MakesOneRequest_WhenAppending()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        await AppendAsync(conversation.Id, alice);
        var current = (await Store.GetConversationAsync(conversation.Id, CancellationToken.None))!;
        var message = NewMessage(conversation.Id, 2, alice);

        var requests = await RequestsOf(() => Store.TryAppendMessageAsync(Advance(current, message), message, [], CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task GetConversationAsync_MakesOneRequest_WhenReading()
    {
        var conversation = await CreateAsync(User("alice"), User("bob"));

        var requests = await RequestsOf(() => Store.GetConversationAsync(conversation.Id, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task AdvancePositionAsync_MakesOneRequest_WhenMovingForward()
    {
        var bob = User("bob");
        var conversation = await CreateAsync(User("alice"), bob);
        await Store.AdvancePositionAsync(conversation, bob, PositionKind.Delivered, 1, DateTimeOffset.UtcNow, CancellationToken.None);

        var requests = await RequestsOf(() => Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 2, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task GetMessagesAsync_MakesOneRequest_WhenReadingAPage()
    {
        var conversation = await ConversationWithMessagesAsync(3);
        await Store.GetMessagesAsync(conversation, new MessageQuery(long.MaxValue, null, 2), CancellationToken.None);

        var requests = await RequestsOf(() => Store.GetMessagesAsync(conversation, new MessageQuery(3, null, 2), CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task TryAppendMessageAsync_RemovesAttachmentTtl_WhenAttaching()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var reservation = await ReserveAsync(conversation.Id, alice);
        var pendingTtl = await RawAsync(conversation.Id, reservation.Id);
        var message = NewMessage(conversation.Id, 1, alice) with { Attachments = [reservation.ToAttachment()] };

        await Store.TryAppendMessageAsync(Advance(conversation, message), message, [reservation with { MessageId = message.Id }], CancellationToken.None);

        Assert.True(pendingTtl.GetProperty("ttl").GetInt32() > 0);
        Assert.False((await RawAsync(conversation.Id, reservation.Id)).TryGetProperty("ttl", out _));
    }

    private static async Task<int> RequestsOf(Func<Task> action)
    {
        using var scope = CosmosRequestMetrics.BeginOperation("test");
        await action();
        return scope.RequestCount;
    }

    private async Task<JsonElement> RawAsync(string conversationId, string id) =>
        (await fixture.Containers!.Chat.ReadItemAsync<JsonElement>(id, new PartitionKey(conversationId))).Resource;
}

/// <summary>A database of its own for one test run (provisioned from the embedded container definitions), deleted afterwards.</summary>
public sealed class CosmosStoreFixture : IAsyncLifetime
{
    private readonly string _databaseName = $"chat-test-{Guid.NewGuid():N}"[..22];
    private CosmosClient? _client;

    public CosmosContainers? Containers { get; private set; }

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(CosmosFactAttribute.Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        _client = CosmosClientFactory.CreateFromConnectionString(
            connectionString, new CosmosSettings { ApplicationName = "FuncChat.Tests" }, NullLoggerFactory.Instance);
        await CosmosProvisioner.EnsureCreatedAsync(_client, _databaseName, CancellationToken.None);
        Containers = CosmosContainers.For(_client, _databaseName);
    }

    public async Task DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            await _client.GetDatabase(_databaseName).DeleteAsync();
        }
        finally
        {
            _client.Dispose();
        }
    }

    public CosmosChatStore CreateChatStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), Options.Create(new ChatOptions()), NullLogger<CosmosChatStore>.Instance);

    public CosmosTypingStore CreateTypingStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), Options.Create(new ChatOptions()), TimeProvider.System,
            NullLogger<CosmosTypingStore>.Instance);
}
