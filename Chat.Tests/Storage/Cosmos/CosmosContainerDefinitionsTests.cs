using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosContainerDefinitionsTests
{
    [Fact]
    public void Containers_MatchTheInfraFile_WhenLoadedFromTheEmbeddedResource()
    {
        var file = System.Text.Json.JsonDocument.Parse(File.ReadAllText(InfraFile())).RootElement;

        Assert.Equal(file.GetProperty("databaseName").GetString(), CosmosContainerDefinitions.DatabaseName);
        Assert.Equal(
            file.GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            CosmosContainerDefinitions.Containers.Select(c => c.Name));
    }

    [Theory]
    [InlineData(CosmosContainerDefinitions.ChatContainer, "/conversationId", -1)]
    [InlineData(CosmosContainerDefinitions.UserConversationsContainer, "/userId", -1)]
    [InlineData(CosmosContainerDefinitions.TypingContainer, "/conversationId", -1)]
    [InlineData(CosmosContainerDefinitions.PresenceContainer, "/userId", -1)]
    [InlineData(CosmosContainerDefinitions.UsersContainer, "/userId", -1)]
    [InlineData(CosmosContainerDefinitions.DirectoryContainer, "/bucket", null)]
    [InlineData(CosmosContainerDefinitions.EventsContainer, "/conversationId", null)]
    [InlineData(CosmosContainerDefinitions.LeasesContainer, "/id", null)]
    public void ToContainerProperties_SetsPartitionKeyAndTtl_ForEachContainer(string name, string partitionKeyPath, int? defaultTtl)
    {
        var properties = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(name));

        Assert.Equal(name, properties.Id);
        Assert.Equal(partitionKeyPath, properties.PartitionKeyPath);
        Assert.Equal(defaultTtl, properties.DefaultTimeToLive);
        Assert.Equal(IndexingMode.Consistent, properties.IndexingPolicy.IndexingMode);
    }

    [Fact]
    public void ToContainerProperties_IndexesOnlyWhatQueriesUse_ForTheChatContainer()
    {
        var policy = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(CosmosContainerDefinitions.ChatContainer)).IndexingPolicy;

        Assert.Equal(["/*"], policy.ExcludedPaths.Select(p => p.Path));
        Assert.Equal(
            ["/type/?", "/sequence/?", "/uploadExpiresAt/?", "/messageId/?", "/change/?", "/userId/?", "/senderId/?", "/uploaderId/?", "/conversationId/?"],
            policy.IncludedPaths.Select(p => p.Path));
        Assert.DoesNotContain(policy.IncludedPaths, p => p.Path.StartsWith("/content", StringComparison.Ordinal));
        Assert.Contains(policy.CompositeIndexes, c => Describe(c) == "/type:Ascending,/sequence:Descending");
        Assert.Contains(policy.CompositeIndexes, c => Describe(c) == "/type:Ascending,/sequence:Ascending");
    }

    [Fact]
    public void ToContainerProperties_HasTheListAndSyncCompositeIndexes_ForUserConversations()
    {
        var policy = CosmosContainerDefinitions.ToContainerProperties(
            CosmosContainerDefinitions.Get(CosmosContainerDefinitions.UserConversationsContainer)).IndexingPolicy;

        Assert.Equal(
            [
                "/folder:Ascending,/lastActivityAt:Descending,/conversationId:Descending", "/syncAt:Ascending,/conversationId:Ascending",
                "/lastActivityAt:Descending,/conversationId:Descending",
            ],
            policy.CompositeIndexes.Select(Describe));
        Assert.Equal(
            ["/folder/?", "/lastActivityAt/?", "/conversationId/?", "/unreadCount/?", "/syncAt/?", "/key/?", "/metadata/*"],
            policy.IncludedPaths.Select(p => p.Path));
        Assert.DoesNotContain(policy.IncludedPaths, p => p.Path.StartsWith("/summary", StringComparison.Ordinal));
        Assert.Equal(["/*"], policy.ExcludedPaths.Select(p => p.Path));
    }

    [Fact]
    public void ToContainerProperties_IndexesOnlyTheSweepsDueTime_ForPresence()
    {
        var policy = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(CosmosContainerDefinitions.PresenceContainer)).IndexingPolicy;

        Assert.Equal(["/dueAtMs/?"], policy.IncludedPaths.Select(p => p.Path));
        Assert.Equal(["/*"], policy.ExcludedPaths.Select(p => p.Path));
        Assert.Empty(policy.CompositeIndexes);
    }

    [Fact]
    public void ToContainerProperties_IndexesTheDirectoryNameOrder_WithoutProfileContent()
    {
        var users = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(CosmosContainerDefinitions.UsersContainer)).IndexingPolicy;
        var directory = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(CosmosContainerDefinitions.DirectoryContainer)).IndexingPolicy;

        Assert.Equal(["/*"], users.ExcludedPaths.Select(p => p.Path));
        Assert.DoesNotContain(users.IncludedPaths, p => p.Path.StartsWith("/displayName", StringComparison.Ordinal) || p.Path.StartsWith("/metadata", StringComparison.Ordinal));
        Assert.Equal(["/name:Ascending,/userId:Ascending"], directory.CompositeIndexes.Select(Describe));
        Assert.Equal(["/*"], directory.ExcludedPaths.Select(p => p.Path));
    }

    [Fact]
    public void Get_Throws_WhenContainerIsNotDefined()
    {
        Assert.Throws<InvalidOperationException>(() => CosmosContainerDefinitions.Get("nope"));
    }

    private static string Describe(IEnumerable<CompositePath> paths) => string.Join(",", paths.Select(p => $"{p.Path}:{p.Order}"));

    private static string InfraFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "cosmos-containers.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("infra/cosmos-containers.json not found above the test output.");
    }
}
