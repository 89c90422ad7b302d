using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Storage.Blobs;

/// <summary>Creates the attachment container at start-up when <see cref="AttachmentStorageSettings.ProvisionOnStartup"/> is set (Azurite).</summary>
public sealed class AttachmentContainerProvisioning(BlobAttachmentStore store, IOptions<AttachmentStorageSettings> settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        settings.Value.ProvisionOnStartup ? store.EnsureContainerAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
