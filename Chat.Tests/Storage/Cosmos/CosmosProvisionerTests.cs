using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>Provisioning against a real Cosmos DB (the classic emulator or an account); skipped, with the reason, without one.</summary>
public sealed class CosmosProvisionerTests
{
    [CosmosFact]
    public async Task ProvisionAsync_BringsAContainerFromAnOlderVersionUpToItsDefinition_ThenChangesNothing()
    {
        using var client = CosmosClientFactory.CreateFromConnectionString(
            Environment.GetEnvironmentVariable(CosmosFactAttribute.Variable)!, new CosmosSettings { ApplicationName = "FuncChat.Tests" }, NullLoggerFactory.Instance);
        var databaseName = $"chat-prov-{Guid.NewGuid():N}"[..22];
        var old = CosmosContainerDefinitions.Containers[0];
        try
        {
            // What an older version left behind: the container with the service's default policy and no default TTL.
            var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName)).Database;
            await database.CreateContainerAsync(new ContainerProperties(old.Name, old.PartitionKeyPath));

            var first = await CosmosProvisioner.ProvisionAsync(
                client, databaseName, CosmosProvisioningCapabilities.Full, NullLogger.Instance, TimeProvider.System, CancellationToken.None);
            var stored = (await database.GetContainer(old.Name).ReadContainerAsync()).Resource;
            var second = await CosmosProvisioner.ProvisionAsync(
                client, databaseName, CosmosProvisioningCapabilities.Full, NullLogger.Instance, TimeProvider.System, CancellationToken.None);

            Assert.Equal(ContainerAction.Update, first.Single(p => p.Container == old.Name).Action);
            Assert.All(first.Where(p => p.Container != old.Name), p => Assert.Equal(ContainerAction.Create, p.Action));
            Assert.Equal(ContainerAction.UpToDate, CosmosContainerPlanner.Plan(
                CosmosContainerDefinitions.ToContainerProperties(old), stored, CosmosProvisioningCapabilities.Full).Action);
            Assert.All(second, p => Assert.Equal(ContainerAction.UpToDate, p.Action));
        }
        finally
        {
            try
            {
                await client.GetDatabase(databaseName).DeleteAsync();
            }
            catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
        }
    }
}
