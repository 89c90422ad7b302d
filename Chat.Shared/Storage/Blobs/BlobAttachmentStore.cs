using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Chat.Shared.Configuration;
using Microsoft.Extensions.Configuration;

namespace Chat.Shared.Storage.Blobs;

/// <summary>
/// <see cref="IAttachmentStore"/> on Azure Blob Storage. SAS URLs are signed with a user delegation key (managed
/// identity) in Azure and with the account key only for Azurite; what they grant comes from <see cref="AttachmentBlobPolicy"/>.
/// </summary>
public sealed class BlobAttachmentStore(BlobServiceClient service, string containerName, TimeProvider clock) : IAttachmentStore, IDisposable
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(containerName);
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<UploadTicket> CreateUploadAsync(string blobName, string contentType, long sizeBytes, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var grant = AttachmentBlobPolicy.ForUpload(blobName, clock.GetUtcNow(), expiresAt);
        var url = await SignAsync(grant, cancellationToken);
        return new UploadTicket(url, "PUT", AttachmentBlobPolicy.UploadHeaders(contentType));
    }

    /// <summary>Create-only (If-None-Match: *): an existing blob answers 409 BlobAlreadyExists, reported as false.</summary>
    public async Task<bool> UploadAsync(string blobName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Tags = AttachmentBlobPolicy.Tags(attached: false),
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await _container.GetBlobClient(blobName).UploadAsync(content, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredBlob?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = await _container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new StoredBlob(properties.ContentLength, properties.ContentType);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task MarkAttachedAsync(string blobName, CancellationToken cancellationToken) =>
        _container.GetBlobClient(blobName).SetTagsAsync(AttachmentBlobPolicy.Tags(attached: true), cancellationToken: cancellationToken);

    public Task<Uri> GetReadUrlAsync(string blobName, string fileName, string contentType, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        SignAsync(AttachmentBlobPolicy.ForRead(blobName, fileName, contentType, clock.GetUtcNow(), expiresAt), cancellationToken);

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        _container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>The store on the account named by <see cref="AttachmentStorageSettings.ConnectionName"/>: Azurite by connection string, Azure by managed identity.</summary>
    public static BlobAttachmentStore Create(IConfiguration configuration, AttachmentStorageSettings settings, TimeProvider clock)
    {
        var connection = ServiceConnection.From(configuration, settings.ConnectionName, ServiceConnection.BlobServiceUri);
        var service = connection.ServiceUri is { } uri
            ? new BlobServiceClient(uri, AzureCredentials.For(connection.ClientId))
            : new BlobServiceClient(connection.ConnectionString);
        return new BlobAttachmentStore(service, settings.ContainerName, clock);
    }

    /// <summary>Creates the private container if missing (Azurite; in Azure the templates create it).</summary>
    public Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);

    public void Dispose() => _keyLock.Dispose();

    private async Task<Uri> SignAsync(BlobGrant grant, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(grant.BlobName);
        var sas = new BlobSasBuilder
        {
            BlobContainerName = _container.Name,
            BlobName = grant.BlobName,
            Resource = "b",
            StartsOn = grant.StartsOn,
            ExpiresOn = grant.ExpiresOn,
            ContentDisposition = grant.ContentDisposition,
            ContentType = grant.ContentType,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(grant.Permissions);

        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await DelegationKeyAsync(grant.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset grantExpiresAt, CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (AttachmentBlobPolicy.NeedsNewDelegationKey(_delegationKey?.SignedExpiresOn, grantExpiresAt))
            {
                var now = clock.GetUtcNow();
                _delegationKey = await service.GetUserDelegationKeyAsync(now - AttachmentBlobPolicy.ClockSkew, now + AttachmentBlobPolicy.DelegationKeyLifetime, cancellationToken);
            }

            return _delegationKey!;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
