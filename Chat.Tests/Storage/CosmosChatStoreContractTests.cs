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

    protected override (IUserDataStore Data, IProfileStore Profiles) CreateUserStores() => (fixture.CreateUserDataStore(), fixture.CreateProfileStore());

    [CosmosFact]
    public async Task TryCommitAsync_MakesOneRequest_WhenSending()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var write = SendWrite((await Store.GetStateAsync(id, CancellationToken.None))!, alice, "hi");

        var requests = await RequestsOf(() => Store.TryCommitAsync(write, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task ReadItemsAsync_MakesOneRequest_ForASendsDocuments()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var message = await AppendAsync(id, bob);
        var reservation = await ReserveAsync(id, alice);

        var requests = await RequestsOf(() => Store.ReadItemsAsync(id,
            new ItemKeys { MemberIds = [alice], MessageIds = [message.Id], AttachmentIds = [reservation.Id] }, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task GetStateAsync_MakesOneRequest()
    {
        var id = await CreateAsync(User("alice"), User("bob"), User("carol"));

        var requests = await RequestsOf(() => Store.GetStateAsync(id, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task TryAdvanceReadAsync_MakesOneRequest_WhenMovingForward()
    {
        var bob = User("bob");
        var id = await CreateAsync(User("alice"), bob);

        var requests = await RequestsOf(() => Store.TryAdvanceReadAsync(id, bob, 2, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(1, requests);
    }

    [CosmosFact]
    public async Task GetMessagesAsync_And_GetChangesAsync_MakeOneRequest_PerPage()
    {
        var id = await ConversationWithMessagesAsync(3);
        await Store.GetMessagesAsync(id, new MessageQuery(long.MaxValue, null, 2), CancellationToken.None);

        var history = await RequestsOf(() => Store.GetMessagesAsync(id, new MessageQuery(3, null, 2), CancellationToken.None));
        var changes = await RequestsOf(() => Store.GetChangesAsync(id, 1, 2, CancellationToken.None));

        Assert.Equal((1, 1), (history, changes));
    }

    [CosmosFact]
    public async Task TryCommitAsync_RemovesAttachmentTtl_WhenAttaching()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var reservation = await ReserveAsync(id, alice);
        var pendingTtl = await RawAsync(id, reservation.Id);
        var write = SendWrite((await Store.GetStateAsync(id, CancellationToken.None))!, alice, "with a file");
        write.Reservations.Add(reservation with { MessageId = write.NewMessages[0].Id });

        await Store.TryCommitAsync(write, CancellationToken.None);

        Assert.True(pendingTtl.GetProperty("ttl").GetInt32() > 0);
        Assert.False((await RawAsync(id, reservation.Id)).TryGetProperty("ttl", out _));
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

    public CosmosUserDataStore CreateUserDataStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), NullLogger<CosmosUserDataStore>.Instance);

    public CosmosProfileStore CreateProfileStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), Options.Create(new ChatOptions()), NullLogger<CosmosProfileStore>.Instance);

    public CosmosEventStateStore CreateEventStateStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), NullLogger<CosmosEventStateStore>.Instance);

    public CosmosTypingStore CreateTypingStore() =>
        new(Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), Options.Create(new ChatOptions()), TimeProvider.System,
            NullLogger<CosmosTypingStore>.Instance);
}
