using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Creates the database and every container of <c>infra/cosmos-containers.json</c>, and brings existing containers
/// up to their definition (indexing policy, default TTL) as <see cref="CosmosContainerPlanner"/> decides. For the
/// local emulators and tests only: in Azure, Bicep owns the containers and the app's identity has no control-plane
/// rights. Locally <c>tools/Chat.Provision</c> runs it before the Functions host starts, so no Cosmos DB trigger
/// listens on a container that does not exist yet.
/// </summary>
public static class CosmosProvisioner
{
    /// <summary>The response header with the progress (0–100) of the index transformation after a policy change.</summary>
    internal const string IndexTransformationProgressHeader = "x-ms-documentdb-collection-index-transformation-progress";

    private static readonly TimeSpan IndexTransformationPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IndexTransformationTimeout = TimeSpan.FromMinutes(5);

    public static Task EnsureCreatedAsync(CosmosClient client, CancellationToken cancellationToken) =>
        EnsureCreatedAsync(client, CosmosContainerDefinitions.DatabaseName, cancellationToken);

    /// <summary>Creates or updates the containers on a target with every capability (an account or the classic emulator).</summary>
    public static Task EnsureCreatedAsync(CosmosClient client, string databaseName, CancellationToken cancellationToken) =>
        ProvisionAsync(client, databaseName, CosmosProvisioningCapabilities.Full, NullLogger.Instance, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Creates the database, then creates or updates each container. Returns the plan carried out for each container.
    /// Throws <see cref="InvalidOperationException"/> when a container exists with another partition key.
    /// </summary>
    public static async Task<IReadOnlyList<ContainerPlan>> ProvisionAsync(
        CosmosClient client, string databaseName, CosmosProvisioningCapabilities capabilities, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);

        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken)).Database;
        var plans = new List<ContainerPlan>();
        foreach (var definition in CosmosContainerDefinitions.Containers)
        {
            var desired = CosmosContainerDefinitions.ToContainerProperties(definition);
            plans.Add(await ProvisionContainerAsync(database, desired, capabilities, logger, time, retryAfterConflict: true, cancellationToken));
        }

        return plans;
    }

    private static async Task<ContainerPlan> ProvisionContainerAsync(
        Database database, ContainerProperties desired, CosmosProvisioningCapabilities capabilities, ILogger logger, TimeProvider time,
        bool retryAfterConflict, CancellationToken cancellationToken)
    {
        var container = database.GetContainer(desired.Id);
        var existing = await ReadAsync(container, cancellationToken);
        var plan = CosmosContainerPlanner.Plan(desired, existing, capabilities);
        switch (plan.Action)
        {
            case ContainerAction.Create:
                try
                {
                    await database.CreateContainerAsync(CosmosContainerPlanner.ForCreate(desired, capabilities), cancellationToken: cancellationToken);
                }
                catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict && retryAfterConflict)
                {
                    // Created by someone else since the read: decide again against what exists now.
                    return await ProvisionContainerAsync(database, desired, capabilities, logger, time, retryAfterConflict: false, cancellationToken);
                }

                break;

            case ContainerAction.Update:
                var indexingChanges = CosmosContainerPlanner.ChangesIndexing(desired, existing!);
                await container.ReplaceContainerAsync(
                    CosmosContainerPlanner.ForReplace(existing!, desired),
                    new ContainerRequestOptions { IfMatchEtag = existing!.ETag },
                    cancellationToken);
                if (indexingChanges)
                {
                    await WaitForIndexTransformationAsync(container, logger, time, cancellationToken);
                }

                break;

            case ContainerAction.Incompatible:
                throw new InvalidOperationException(
                    $"Container '{desired.Id}' in database '{database.Id}' cannot be brought up to its definition: {string.Join("; ", plan.Changes)}.");

            case ContainerAction.CannotUpdate:
                logger.LogWarning(
                    "Container {Container} differs from its definition ({Changes}) and this emulator cannot update a container: delete it (scripts/start-local.sh --reset) to create it again",
                    desired.Id, string.Join("; ", plan.Changes));
                break;
        }

        return plan;
    }

    private static async Task<ContainerProperties?> ReadAsync(Container container, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.ReadContainerAsync(cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A new indexing policy is applied in the background; queries that need the new indexes may fail or be slow until
    /// it completes. Wait until the service reports 100 %, or give up with a warning after five minutes.
    /// </summary>
    private static async Task WaitForIndexTransformationAsync(Container container, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + IndexTransformationTimeout;
        while (true)
        {
            var response = await container.ReadContainerAsync(new ContainerRequestOptions { PopulateQuotaInfo = true }, cancellationToken);
            var progress = IndexTransformationProgress(response.Headers[IndexTransformationProgressHeader]);
            if (progress is null or >= 100)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                logger.LogWarning("The new indexing policy of container {Container} is still being applied ({Progress} %)", container.Id, progress);
                return;
            }

            logger.LogInformation("Applying the new indexing policy of container {Container}: {Progress} %", container.Id, progress);
            await Task.Delay(IndexTransformationPoll, time, cancellationToken);
        }
    }

    /// <summary>The progress reported by the service, or null when the header is missing or unreadable (treated as done).</summary>
    internal static int? IndexTransformationProgress(string? header) =>
        int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
