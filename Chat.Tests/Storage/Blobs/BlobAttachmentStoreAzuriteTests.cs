using System.Net;
using System.Net.Http.Headers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Chat.Shared.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Storage.Blobs;

/// <summary>
/// The real Blob adapter against Azurite: what its SAS URLs allow a client to do with plain HTTP (exactly what
/// <see cref="AttachmentBlobPolicy"/> grants, no more), the tags and headers it stores, deletion.
/// </summary>
public sealed class BlobAttachmentStoreAzuriteTests(AzuriteContainerFixture fixture) : IClassFixture<AzuriteContainerFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3];

    [AzuriteFact]
    public async Task UploadUrl_AcceptsThePutWithTheRequiredHeaders_AndTheBlobIsStoredPending()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        var ticket = await store.CreateUploadAsync(name, "image/png", Png.Length, clock.GetUtcNow().AddMinutes(10), None);

        using var response = await SasRequests.PutAsync(ticket.Url, ticket.RequiredHeaders, Png);
        var stored = await store.GetAsync(name, None);

        Assert.Equal("PUT", ticket.Method);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Png.Length, stored!.SizeBytes);
        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(AttachmentBlobPolicy.Pending, await StateTagAsync(name));
    }

    [AzuriteFact]
    public async Task UploadUrl_IsCreateOnly_ASecondPutCannotOverwriteTheBlob()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        var ticket = await store.CreateUploadAsync(name, "image/png", Png.Length, clock.GetUtcNow().AddMinutes(10), None);
        using var first = await SasRequests.PutAsync(ticket.Url, ticket.RequiredHeaders, Png);

        using var second = await SasRequests.PutAsync(ticket.Url, ticket.RequiredHeaders, [9, 9, 9]);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(Png, await ContentAsync(name));
    }

    [AzuriteFact]
    public async Task UploadUrl_CannotRead_Delete_OrWriteAnotherBlob()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        var ticket = await store.CreateUploadAsync(name, "image/png", Png.Length, clock.GetUtcNow().AddMinutes(10), None);
        using var upload = await SasRequests.PutAsync(ticket.Url, ticket.RequiredHeaders, Png);
        var other = NewBlobName();

        using var read = await SasRequests.GetAsync(ticket.Url);
        using var delete = await SasRequests.DeleteAsync(ticket.Url);
        using var elsewhere = await SasRequests.PutAsync(SasRequests.OnOtherBlob(ticket.Url, other), ticket.RequiredHeaders, Png);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.NotNull(await store.GetAsync(name, None));
        Assert.Null(await store.GetAsync(other, None));
    }

    [AzuriteFact]
    public async Task UploadUrl_IsRefused_OnceItExpired()
    {
        var store = Store(out var clock, DateTimeOffset.UtcNow.AddHours(-2));
        var name = NewBlobName();
        var ticket = await store.CreateUploadAsync(name, "image/png", Png.Length, clock.GetUtcNow().AddMinutes(10), None);

        using var response = await SasRequests.PutAsync(ticket.Url, ticket.RequiredHeaders, Png);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await store.GetAsync(name, None));
    }

    [AzuriteFact]
    public async Task UploadUrl_StoresNothing_WithoutTheRequiredBlobTypeHeader()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        var ticket = await store.CreateUploadAsync(name, "image/png", Png.Length, clock.GetUtcNow().AddMinutes(10), None);
        var withoutBlobType = ticket.RequiredHeaders.Where(h => h.Key != "x-ms-blob-type").ToDictionary(h => h.Key, h => h.Value);

        using var response = await SasRequests.PutAsync(ticket.Url, withoutBlobType, Png);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await store.GetAsync(name, None));
    }

    [AzuriteFact]
    public async Task ReadUrl_DownloadsTheBytes_AsAnAttachmentNamedForTheUser_WithItsType()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        await store.UploadAsync(name, "application/pdf", new MemoryStream(Png), None);
        const string fileName = "Plan \"final\"; été.pdf";

        var url = await store.GetReadUrlAsync(name, fileName, "application/pdf", clock.GetUtcNow().AddMinutes(15), None);
        using var response = await SasRequests.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = ContentDispositionHeaderValue.Parse(string.Join(", ", response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, disposition.FileNameStar);
        Assert.Equal("Plan _final__ _t_.pdf", disposition.FileName?.Trim('"'));
    }

    [AzuriteFact]
    public async Task ReadUrl_OpensMediaInline()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        await store.UploadAsync(name, "image/png", new MemoryStream(Png), None);

        var url = await store.GetReadUrlAsync(name, "photo.png", "image/png", clock.GetUtcNow().AddMinutes(15), None);
        using var response = await SasRequests.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [AzuriteFact]
    public async Task ReadUrl_IsReadOnly_AndForItsBlobOnly()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        var other = NewBlobName();
        await store.UploadAsync(name, "image/png", new MemoryStream(Png), None);
        await store.UploadAsync(other, "image/png", new MemoryStream(Png), None);
        var url = await store.GetReadUrlAsync(name, "photo.png", "image/png", clock.GetUtcNow().AddMinutes(15), None);

        using var overwrite = await SasRequests.PutAsync(url, new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = "image/png" }, [1]);
        using var delete = await SasRequests.DeleteAsync(url);
        using var readOther = await SasRequests.GetAsync(SasRequests.OnOtherBlob(url, other));

        Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOther.StatusCode);
        Assert.Equal(Png, await ContentAsync(name));
    }

    [AzuriteFact]
    public async Task ReadUrl_IsRefused_OnceItExpired()
    {
        var store = Store(out var clock, DateTimeOffset.UtcNow.AddHours(-2));
        var name = NewBlobName();
        await store.UploadAsync(name, "image/png", new MemoryStream(Png), None);

        var url = await store.GetReadUrlAsync(name, "photo.png", "image/png", clock.GetUtcNow().AddMinutes(15), None);
        using var response = await SasRequests.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [AzuriteFact]
    public async Task ServerUpload_StoresThePendingBlob_AndNeverOverwritesOne()
    {
        var store = Store(out _);
        var name = NewBlobName();
        var first = await store.UploadAsync(name, "text/plain", new MemoryStream("first"u8.ToArray()), None);

        var again = await store.UploadAsync(name, "text/plain", new MemoryStream("second"u8.ToArray()), None);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal("first"u8.ToArray(), await ContentAsync(name));
        Assert.Equal(new Chat.Shared.Storage.StoredBlob(5, "text/plain"), await store.GetAsync(name, None));
        Assert.Equal(AttachmentBlobPolicy.Pending, await StateTagAsync(name));
    }

    [AzuriteFact]
    public async Task MarkAttached_TagsTheBlobAttached()
    {
        var store = Store(out _);
        var name = NewBlobName();
        await store.UploadAsync(name, "image/png", new MemoryStream(Png), None);

        await store.MarkAttachedAsync(name, None);

        Assert.Equal(AttachmentBlobPolicy.Attached, await StateTagAsync(name));
    }

    [AzuriteFact]
    public async Task Get_ReturnsNull_WhenNothingWasUploaded()
    {
        var store = Store(out _);

        Assert.Null(await store.GetAsync(NewBlobName(), None));
    }

    [AzuriteFact]
    public async Task Delete_RemovesTheBlob_SoItsReadUrlFinds404_AndRepeatingItIsHarmless()
    {
        var store = Store(out var clock);
        var name = NewBlobName();
        await store.UploadAsync(name, "image/png", new MemoryStream(Png), None);
        var url = await store.GetReadUrlAsync(name, "photo.png", "image/png", clock.GetUtcNow().AddMinutes(15), None);

        await store.DeleteAsync(name, None);
        await store.DeleteAsync(name, None);
        using var read = await SasRequests.GetAsync(url);

        Assert.Null(await store.GetAsync(name, None));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [AzuriteFact]
    public async Task EnsureContainer_CreatesAPrivateContainer_AndCanRunAgain()
    {
        var container = "chat-test-" + Guid.NewGuid().ToString("N");
        var store = new BlobAttachmentStore(AzuriteFactAttribute.Service(), container, TimeProvider.System);
        try
        {
            await store.EnsureContainerAsync(None);
            await store.EnsureContainerAsync(None);

            BlobContainerProperties properties = await AzuriteFactAttribute.Service().GetBlobContainerClient(container).GetPropertiesAsync();
            Assert.Equal(PublicAccessType.None, properties.PublicAccess);
        }
        finally
        {
            await AzuriteFactAttribute.Service().GetBlobContainerClient(container).DeleteIfExistsAsync();
        }
    }

    private BlobAttachmentStore Store(out FakeTimeProvider clock, DateTimeOffset? now = null)
    {
        clock = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        return new BlobAttachmentStore(AzuriteFactAttribute.Service(), fixture.Name, clock);
    }

    private static string NewBlobName() => $"d_{Guid.NewGuid():N}/a_{Guid.NewGuid():N}";

    private async Task<string?> StateTagAsync(string blobName)
    {
        GetBlobTagResult tags = await fixture.Container.GetBlobClient(blobName).GetTagsAsync();
        return tags.Tags.TryGetValue(AttachmentBlobPolicy.StateTag, out var state) ? state : null;
    }

    private async Task<byte[]> ContentAsync(string blobName)
    {
        BlobDownloadResult download = await fixture.Container.GetBlobClient(blobName).DownloadContentAsync();
        return download.Content.ToArray();
    }
}
