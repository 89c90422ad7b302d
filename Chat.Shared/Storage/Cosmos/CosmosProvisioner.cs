using System.Net;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Creates the database and every container of <c>infra/cosmos-containers.json</c> when missing. For the local
/// emulator and tests only: in Azure, Bicep creates them and the app's identity has no control-plane rights.
/// </summary>
public static class CosmosProvisioner
{
    public static Task EnsureCreatedAsync(CosmosClient client, CancellationToken cancellationToken) =>
        EnsureCreatedAsync(client, CosmosContainerDefinitions.DatabaseName, cancellationToken);

    public static async Task EnsureCreatedAsync(CosmosClient client, string databaseName, CancellationToken cancellationToken)
    {
        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken)).Database;
        foreach (var definition in CosmosContainerDefinitions.Containers)
        {
            var response = await database.CreateContainerIfNotExistsAsync(
                CosmosContainerDefinitions.ToContainerProperties(definition), cancellationToken: cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new InvalidOperationException($"Creating container '{definition.Name}' answered {(int)response.StatusCode}.");
            }
        }
    }
}
