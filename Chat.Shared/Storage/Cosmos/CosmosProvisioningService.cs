using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Creates the database and containers at start-up when <see cref="CosmosSettings.ProvisionOnStartup"/> is set
/// (local emulator). In Azure the Bicep templates create them and the app's identity has no right to.
/// </summary>
public sealed class CosmosProvisioningService(CosmosClient client, IOptions<CosmosSettings> settings, ILogger<CosmosProvisioningService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.ProvisionOnStartup)
        {
            return;
        }

        logger.LogInformation("Creating Cosmos DB database {DatabaseName} and its containers if missing", settings.Value.DatabaseName);
        await CosmosProvisioner.EnsureCreatedAsync(client, settings.Value.DatabaseName, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
