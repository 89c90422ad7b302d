using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>What the target Cosmos DB can do with the settings of a container.</summary>
/// <param name="CustomIndexingPolicy">The target stores the indexing policy it is given.</param>
/// <param name="ReplaceContainer">The target can replace the settings (indexing policy, default TTL) of an existing container.</param>
public sealed record CosmosProvisioningCapabilities(bool CustomIndexingPolicy, bool ReplaceContainer)
{
    /// <summary>A Cosmos DB account, or the classic emulator (Windows, Linux x64 image <c>:latest</c>).</summary>
    public static CosmosProvisioningCapabilities Full { get; } = new(CustomIndexingPolicy: true, ReplaceContainer: true);

    /// <summary>
    /// The Linux vNext emulator (image <c>:vnext-preview</c>): "create collection with custom index policy" and
    /// "update collection" are not implemented there, so containers get its default policy and are never replaced.
    /// </summary>
    public static CosmosProvisioningCapabilities VNextEmulator { get; } = new(CustomIndexingPolicy: false, ReplaceContainer: false);
}

public enum ContainerAction
{
    /// <summary>The container exists with the settings of its definition.</summary>
    UpToDate,

    /// <summary>The container does not exist: create it.</summary>
    Create,

    /// <summary>The container exists with another indexing policy or default TTL: replace its settings.</summary>
    Update,

    /// <summary>The settings differ but the target cannot replace a container's settings (vNext emulator).</summary>
    CannotUpdate,

    /// <summary>The container exists with another partition key, which no update can change.</summary>
    Incompatible,
}

/// <summary>The decision for one container: what to do, what differs, and what the target cannot apply.</summary>
public sealed record ContainerPlan(string Container, ContainerAction Action, IReadOnlyList<string> Changes, IReadOnlyList<string> NotApplied);

/// <summary>
/// Decides, from a container's definition and its current settings (or none), whether provisioning creates it,
/// replaces its indexing policy and default TTL, leaves it alone, or must stop. Pure: no Cosmos DB calls, so every
/// rule is tested without a database; <see cref="CosmosProvisioner"/> carries the decision out.
/// </summary>
public static class CosmosContainerPlanner
{
    /// <summary>The service adds this excluded path to every indexing policy itself; it is never part of a definition.</summary>
    internal const string SystemExcludedPath = "/\"_etag\"/?";

    private const string NoCustomIndexing =
        "the custom indexing policy (this emulator does not support one: every property is indexed, composite indexes are missing)";

    public static ContainerPlan Plan(ContainerProperties desired, ContainerProperties? existing, CosmosProvisioningCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(capabilities);
        var notApplied = capabilities.CustomIndexingPolicy ? [] : new List<string> { NoCustomIndexing };

        if (existing is null)
        {
            return new ContainerPlan(desired.Id, ContainerAction.Create, [$"create with partition key {desired.PartitionKeyPath}, default TTL {Ttl(desired.DefaultTimeToLive)}"], notApplied);
        }

        if (!string.Equals(existing.PartitionKeyPath, desired.PartitionKeyPath, StringComparison.Ordinal))
        {
            return new ContainerPlan(
                desired.Id,
                ContainerAction.Incompatible,
                [$"partition key {existing.PartitionKeyPath} → {desired.PartitionKeyPath} (a partition key never changes: delete the container and provision again)"],
                notApplied);
        }

        var changes = new List<string>();
        if (existing.DefaultTimeToLive != desired.DefaultTimeToLive)
        {
            changes.Add($"default TTL {Ttl(existing.DefaultTimeToLive)} → {Ttl(desired.DefaultTimeToLive)}");
        }

        if (capabilities.CustomIndexingPolicy)
        {
            changes.AddRange(IndexingDifferences(desired.IndexingPolicy, existing.IndexingPolicy));
        }

        if (changes.Count == 0)
        {
            return new ContainerPlan(desired.Id, ContainerAction.UpToDate, [], notApplied);
        }

        return capabilities.ReplaceContainer
            ? new ContainerPlan(desired.Id, ContainerAction.Update, changes, notApplied)
            : new ContainerPlan(desired.Id, ContainerAction.CannotUpdate, changes, [.. notApplied, .. changes]);
    }

    /// <summary>True when the plan changes the indexing policy, so the caller waits for the index transformation.</summary>
    public static bool ChangesIndexing(ContainerProperties desired, ContainerProperties existing) =>
        IndexingDifferences(desired.IndexingPolicy, existing.IndexingPolicy).Count > 0;

    /// <summary>The properties to create a container with: the definition, without the indexing policy where the target has none.</summary>
    public static ContainerProperties ForCreate(ContainerProperties desired, CosmosProvisioningCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(capabilities);
        return capabilities.CustomIndexingPolicy
            ? desired
            : new ContainerProperties(desired.Id, desired.PartitionKeyPath) { DefaultTimeToLive = desired.DefaultTimeToLive };
    }

    /// <summary>The existing container's properties (ETag and all other settings kept) with the definition's indexing policy and default TTL.</summary>
    public static ContainerProperties ForReplace(ContainerProperties existing, ContainerProperties desired)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(desired);
        existing.IndexingPolicy = desired.IndexingPolicy;
        existing.DefaultTimeToLive = desired.DefaultTimeToLive;
        return existing;
    }

    /// <summary>What differs between two indexing policies, ignoring the path the service adds itself and the order of sets.</summary>
    public static IReadOnlyList<string> IndexingDifferences(IndexingPolicy desired, IndexingPolicy existing)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        var differences = new List<string>();
        if (desired.IndexingMode != existing.IndexingMode)
        {
            differences.Add($"indexing mode {existing.IndexingMode} → {desired.IndexingMode}");
        }

        if (desired.Automatic != existing.Automatic)
        {
            differences.Add($"automatic indexing {existing.Automatic} → {desired.Automatic}");
        }

        Compare("included path", desired.IncludedPaths.Select(p => p.Path), existing.IncludedPaths.Select(p => p.Path), differences);
        Compare("excluded path", ExcludedPaths(desired), ExcludedPaths(existing), differences);
        Compare("composite index", desired.CompositeIndexes.Select(Describe), existing.CompositeIndexes.Select(Describe), differences);
        Compare("spatial index", desired.SpatialIndexes.Select(Describe), existing.SpatialIndexes.Select(Describe), differences);
        return differences;
    }

    private static IEnumerable<string> ExcludedPaths(IndexingPolicy policy) =>
        policy.ExcludedPaths.Select(p => p.Path).Where(path => !string.Equals(path, SystemExcludedPath, StringComparison.Ordinal));

    private static void Compare(string what, IEnumerable<string> desired, IEnumerable<string> existing, List<string> differences)
    {
        var wanted = desired.ToHashSet(StringComparer.Ordinal);
        var present = existing.ToHashSet(StringComparer.Ordinal);
        differences.AddRange(wanted.Where(item => !present.Contains(item)).Order(StringComparer.Ordinal).Select(item => $"add {what} {item}"));
        differences.AddRange(present.Where(item => !wanted.Contains(item)).Order(StringComparer.Ordinal).Select(item => $"remove {what} {item}"));
    }

    private static string Describe(IEnumerable<CompositePath> composite) =>
        "(" + string.Join(", ", composite.Select(p => $"{p.Path} {(p.Order == CompositePathSortOrder.Descending ? "DESC" : "ASC")}")) + ")";

    private static string Describe(SpatialPath spatial) =>
        $"{spatial.Path} ({string.Join(", ", spatial.SpatialTypes.Select(t => t.ToString()).Order(StringComparer.Ordinal))})";

    private static string Ttl(int? seconds) => seconds switch
    {
        null => "off",
        -1 => "on, no default expiry (-1)",
        var value => value.Value.ToString(CultureInfo.InvariantCulture) + " s",
    };
}
