using System.Collections.ObjectModel;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>What provisioning does to a container, decided from its definition and what exists (no Cosmos DB needed).</summary>
public sealed class CosmosContainerPlannerTests
{
    private static readonly CosmosProvisioningCapabilities Full = CosmosProvisioningCapabilities.Full;
    private static readonly CosmosProvisioningCapabilities VNext = CosmosProvisioningCapabilities.VNextEmulator;

    [Fact]
    public void Plan_Creates_WhenTheContainerIsMissing()
    {
        var plan = CosmosContainerPlanner.Plan(Messages(), existing: null, Full);

        Assert.Equal(ContainerAction.Create, plan.Action);
        Assert.Equal("messages", plan.Container);
        Assert.Empty(plan.NotApplied);
    }

    public static TheoryData<string> Definitions() => [.. CosmosContainerDefinitions.Containers.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Plan_LeavesAlone_WhenTheServiceReturnsTheDefinitionWithItsOwnEtagPathAndAnotherOrder(string name)
    {
        var desired = CosmosContainerDefinitions.ToContainerProperties(CosmosContainerDefinitions.Get(name));

        var plan = CosmosContainerPlanner.Plan(desired, AsReturnedByTheService(desired), Full);

        Assert.Equal(ContainerAction.UpToDate, plan.Action);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_UpdatesTheIndexingPolicy_WhenAContainerFromAnOlderVersionIndexesEverything()
    {
        // A container created before the indexing policy existed, as the service returns it.
        var existing = Newtonsoft.Json.JsonConvert.DeserializeObject<ContainerProperties>("""
            {
              "id": "messages",
              "partitionKey": { "paths": ["/conversationId"], "kind": "Hash" },
              "defaultTtl": -1,
              "indexingPolicy": {
                "indexingMode": "consistent", "automatic": true,
                "includedPaths": [ { "path": "/*" } ],
                "excludedPaths": [ { "path": "/\"_etag\"/?" } ]
              },
              "_etag": "\"00000a00-0000-0000-0000-000000000000\""
            }
            """)!;

        var plan = CosmosContainerPlanner.Plan(Messages(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
        Assert.Contains("add composite index (/type ASC, /sequence DESC)", plan.Changes);
        Assert.Contains("add included path /sequence/?", plan.Changes);
        Assert.Contains("remove included path /*", plan.Changes);
        Assert.Contains("add excluded path /*", plan.Changes);
        Assert.DoesNotContain(plan.Changes, c => c.Contains("_etag", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Changes, c => c.Contains("TTL", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Updates_WhenOnlyACompositeIndexIsMissingOrAnOldPathRemains()
    {
        var existing = AsReturnedByTheService(Messages());
        existing.IndexingPolicy.CompositeIndexes.RemoveAt(1);
        existing.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/content/?" });

        var plan = CosmosContainerPlanner.Plan(Messages(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
        Assert.Equal(2, plan.Changes.Count);
        Assert.Contains("remove included path /content/?", plan.Changes);
        Assert.Single(plan.Changes, c => c.StartsWith("add composite index (/type ASC, /sequence ", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Updates_WhenACompositeIndexHasAnotherSortOrder()
    {
        var existing = AsReturnedByTheService(Inbox());
        existing.IndexingPolicy.CompositeIndexes[0][1].Order = CompositePathSortOrder.Ascending;

        var plan = CosmosContainerPlanner.Plan(Inbox(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
        Assert.Contains("add composite index (/lastActivityAt DESC, /conversationId DESC)", plan.Changes);
        Assert.Contains("remove composite index (/lastActivityAt DESC, /conversationId ASC)", plan.Changes);
    }

    [Fact]
    public void Plan_Updates_WhenTheOrderOfPathsInsideACompositeIndexDiffers()
    {
        var existing = AsReturnedByTheService(Inbox());
        var composite = existing.IndexingPolicy.CompositeIndexes[0];
        (composite[0], composite[1]) = (composite[1], composite[0]);

        var plan = CosmosContainerPlanner.Plan(Inbox(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
    }

    [Fact]
    public void Plan_Updates_WhenTheDefaultTtlDiffers()
    {
        var existing = AsReturnedByTheService(Expiring());
        existing.DefaultTimeToLive = null;

        var plan = CosmosContainerPlanner.Plan(Expiring(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
        Assert.Equal(["default TTL off → on, no default expiry (-1)"], plan.Changes);
    }

    [Fact]
    public void Plan_Updates_WhenTheIndexingModeOrAutomaticDiffers()
    {
        var existing = AsReturnedByTheService(Leases());
        existing.IndexingPolicy.IndexingMode = IndexingMode.None;
        existing.IndexingPolicy.Automatic = false;

        var plan = CosmosContainerPlanner.Plan(Leases(), existing, Full);

        Assert.Equal(ContainerAction.Update, plan.Action);
        Assert.Contains("indexing mode None → Consistent", plan.Changes);
        Assert.Contains("automatic indexing False → True", plan.Changes);
    }

    [Fact]
    public void Plan_IsIncompatible_WhenThePartitionKeyDiffers()
    {
        var existing = new ContainerProperties("messages", "/id");

        var plan = CosmosContainerPlanner.Plan(Messages(), existing, Full);

        Assert.Equal(ContainerAction.Incompatible, plan.Action);
        Assert.Contains("/id → /conversationId", Assert.Single(plan.Changes), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CreatesWithoutTheIndexingPolicy_OnTheVNextEmulator()
    {
        var desired = Messages();

        var plan = CosmosContainerPlanner.Plan(desired, existing: null, VNext);
        var created = CosmosContainerPlanner.ForCreate(desired, VNext);

        Assert.Equal(ContainerAction.Create, plan.Action);
        Assert.Contains(plan.NotApplied, n => n.Contains("indexing policy", StringComparison.Ordinal));
        Assert.Empty(created.IndexingPolicy.CompositeIndexes);
        Assert.Empty(created.IndexingPolicy.ExcludedPaths);
        Assert.Equal(desired.DefaultTimeToLive, created.DefaultTimeToLive);
        Assert.Equal(desired.PartitionKeyPath, created.PartitionKeyPath);
    }

    [Fact]
    public void ForCreate_KeepsTheIndexingPolicy_WhereTheTargetSupportsIt()
    {
        var desired = Messages();

        var created = CosmosContainerPlanner.ForCreate(desired, Full);

        Assert.Equal(2, created.IndexingPolicy.CompositeIndexes.Count);
    }

    [Fact]
    public void Plan_IgnoresTheEmulatorsOwnIndexingPolicy_OnTheVNextEmulator()
    {
        var existing = new ContainerProperties("messages", "/conversationId") { DefaultTimeToLive = -1 };

        var plan = CosmosContainerPlanner.Plan(Messages(), existing, VNext);

        Assert.Equal(ContainerAction.UpToDate, plan.Action);
        Assert.NotEmpty(plan.NotApplied);
    }

    [Fact]
    public void Plan_ReportsWhatItCannotUpdate_OnTheVNextEmulator_WhenTheTtlDiffers()
    {
        var existing = new ContainerProperties("expiring", "/conversationId") { DefaultTimeToLive = null };

        var plan = CosmosContainerPlanner.Plan(Expiring(), existing, VNext);

        Assert.Equal(ContainerAction.CannotUpdate, plan.Action);
        Assert.Contains(plan.NotApplied, n => n.StartsWith("default TTL off", StringComparison.Ordinal));
    }

    [Fact]
    public void ForReplace_KeepsTheExistingContainerAndItsETag_AndTakesPolicyAndTtlFromTheDefinition()
    {
        var existing = Newtonsoft.Json.JsonConvert.DeserializeObject<ContainerProperties>("""
            { "id": "expiring", "partitionKey": { "paths": ["/conversationId"], "kind": "Hash" }, "_etag": "\"42\"",
              "indexingPolicy": { "indexingMode": "consistent", "automatic": true, "includedPaths": [ { "path": "/*" } ], "excludedPaths": [] } }
            """)!;
        var desired = Expiring();

        var replaced = CosmosContainerPlanner.ForReplace(existing, desired);

        Assert.Equal("\"42\"", replaced.ETag);
        Assert.Equal("expiring", replaced.Id);
        Assert.Equal(-1, replaced.DefaultTimeToLive);
        Assert.Equal(["/expiresAtMs/?", "/claimedUntilMs/?"], replaced.IndexingPolicy.IncludedPaths.Select(p => p.Path));
        Assert.Equal(ContainerAction.UpToDate, CosmosContainerPlanner.Plan(desired, replaced, Full).Action);
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData("37", 37)]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("n/a", null)]
    public void IndexTransformationProgress_ReadsTheHeader_AndTreatsAMissingOneAsDone(string? header, int? expected)
    {
        Assert.Equal(expected, CosmosProvisioner.IndexTransformationProgress(header));
    }

    /// <summary>Definitions of the same shapes as those in infra/cosmos-containers.json, fixed here so the rules are tested apart from that file.</summary>
    private static ContainerProperties Messages() => Definition(
        "messages", "/conversationId", -1, included: ["/type/?", "/sequence/?"], excluded: ["/*"],
        composites: [[("/type", CompositePathSortOrder.Ascending), ("/sequence", CompositePathSortOrder.Ascending)],
                     [("/type", CompositePathSortOrder.Ascending), ("/sequence", CompositePathSortOrder.Descending)]]);

    private static ContainerProperties Inbox() => Definition(
        "inbox", "/userId", null, included: ["/lastActivityAt/?", "/conversationId/?"], excluded: ["/*"],
        composites: [[("/lastActivityAt", CompositePathSortOrder.Descending), ("/conversationId", CompositePathSortOrder.Descending)]]);

    private static ContainerProperties Expiring() => Definition("expiring", "/conversationId", -1, included: ["/expiresAtMs/?", "/claimedUntilMs/?"], excluded: ["/*"], composites: []);

    private static ContainerProperties Leases() => Definition("leases", "/id", null, included: ["/*"], excluded: [], composites: []);

    private static ContainerProperties Definition(
        string id, string partitionKey, int? ttl, string[] included, string[] excluded, (string Path, CompositePathSortOrder Order)[][] composites)
    {
        var policy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        foreach (var path in included)
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        foreach (var path in excluded)
        {
            policy.ExcludedPaths.Add(new ExcludedPath { Path = path });
        }

        foreach (var composite in composites)
        {
            policy.CompositeIndexes.Add(new Collection<CompositePath>(composite.Select(p => new CompositePath { Path = p.Path, Order = p.Order }).ToList()));
        }

        return new ContainerProperties(id, partitionKey) { DefaultTimeToLive = ttl, IndexingPolicy = policy };
    }

    /// <summary>The definition as the service hands it back: its own excluded path added, paths and composites in another order.</summary>
    private static ContainerProperties AsReturnedByTheService(ContainerProperties definition)
    {
        var policy = definition.IndexingPolicy;
        var returned = new IndexingPolicy { IndexingMode = policy.IndexingMode, Automatic = policy.Automatic };
        foreach (var path in policy.IncludedPaths.Reverse())
        {
            returned.IncludedPaths.Add(new IncludedPath { Path = path.Path });
        }

        returned.ExcludedPaths.Add(new ExcludedPath { Path = CosmosContainerPlanner.SystemExcludedPath });
        foreach (var path in policy.ExcludedPaths)
        {
            returned.ExcludedPaths.Add(new ExcludedPath { Path = path.Path });
        }

        foreach (var composite in policy.CompositeIndexes.Reverse())
        {
            returned.CompositeIndexes.Add(new Collection<CompositePath>(composite.Select(p => new CompositePath { Path = p.Path, Order = p.Order }).ToList()));
        }

        return new ContainerProperties(definition.Id, definition.PartitionKeyPath) { DefaultTimeToLive = definition.DefaultTimeToLive, IndexingPolicy = returned };
    }
}
