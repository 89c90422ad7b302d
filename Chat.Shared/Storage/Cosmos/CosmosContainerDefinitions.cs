using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// The database and containers as defined in <c>infra/cosmos-containers.json</c>, the one definition shared with
/// Bicep (embedded in this assembly). Used for local and test provisioning and for the container names.
/// </summary>
public static class CosmosContainerDefinitions
{
    public const string ChatContainer = "chat";
    public const string UserConversationsContainer = "userConversations";
    public const string TypingContainer = "typing";
    public const string PresenceContainer = "presence";
    public const string UsersContainer = "users";
    public const string DirectoryContainer = "directory";
    public const string EventsContainer = "events";
    public const string LeasesContainer = "leases";

    internal const string ResourceName = "Chat.Shared.Storage.Cosmos.cosmos-containers.json";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };
    private static readonly Lazy<DatabaseDefinition> Definition = new(Load);

    public static string DatabaseName => Definition.Value.DatabaseName;

    public static IReadOnlyList<ContainerDefinition> Containers => Definition.Value.Containers;

    public static ContainerDefinition Get(string name) =>
        Containers.FirstOrDefault(c => c.Name == name)
        ?? throw new InvalidOperationException($"Container '{name}' is not defined in {ResourceName}.");

    public static ContainerProperties ToContainerProperties(ContainerDefinition definition)
    {
        var policy = new IndexingPolicy
        {
            IndexingMode = definition.IndexingPolicy.IndexingMode switch
            {
                "consistent" => IndexingMode.Consistent,
                "none" => IndexingMode.None,
                var other => throw new InvalidOperationException($"Unknown indexing mode '{other}'."),
            },
            Automatic = definition.IndexingPolicy.Automatic,
        };
        foreach (var path in definition.IndexingPolicy.IncludedPaths)
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = path.Path });
        }

        foreach (var path in definition.IndexingPolicy.ExcludedPaths)
        {
            policy.ExcludedPaths.Add(new ExcludedPath { Path = path.Path });
        }

        foreach (var composite in definition.IndexingPolicy.CompositeIndexes)
        {
            policy.CompositeIndexes.Add(new Collection<CompositePath>(composite.Select(ToCompositePath).ToList()));
        }

        return new ContainerProperties(definition.Name, definition.PartitionKeyPath)
        {
            DefaultTimeToLive = definition.DefaultTtl,
            IndexingPolicy = policy,
        };
    }

    private static CompositePath ToCompositePath(CompositePathDefinition path) => new()
    {
        Path = path.Path,
        Order = path.Order switch
        {
            "ascending" => CompositePathSortOrder.Ascending,
            "descending" => CompositePathSortOrder.Descending,
            var other => throw new InvalidOperationException($"Unknown composite index order '{other}'."),
        },
    };

    private static DatabaseDefinition Load()
    {
        using var stream = typeof(CosmosContainerDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<DatabaseDefinition>(stream, ReadOptions)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }

    private sealed record DatabaseDefinition(
        [property: JsonRequired] string DatabaseName,
        [property: JsonRequired] IReadOnlyList<ContainerDefinition> Containers);
}

public sealed record ContainerDefinition(
    [property: JsonRequired] string Name,
    [property: JsonRequired] string PartitionKeyPath,
    int? DefaultTtl,
    [property: JsonRequired] IndexingPolicyDefinition IndexingPolicy);

public sealed record IndexingPolicyDefinition(
    string IndexingMode,
    bool Automatic,
    IReadOnlyList<PathDefinition> IncludedPaths,
    IReadOnlyList<PathDefinition> ExcludedPaths,
    IReadOnlyList<IReadOnlyList<CompositePathDefinition>> CompositeIndexes);

public sealed record PathDefinition(string Path);

public sealed record CompositePathDefinition(string Path, string Order);
