using System.Net;
using Chat.Shared.Domain;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class AttachmentsApiTests
{
    [Fact]
    public async Task Reserve_Returns201WithUploadUrl_WhenFileIsAllowed()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/attachments", """{"fileName":"report.pdf","contentType":"application/pdf","sizeBytes":2048}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        var attachmentId = body["attachmentId"]!.GetValue<string>();
        Assert.Equal($"/api/conversations/{id}/attachments/{attachmentId}", response.Headers.Location?.OriginalString);
        Assert.Equal("PUT", body["uploadMethod"]!.GetValue<string>());
        Assert.Contains(AttachmentPolicy.BlobName(id, attachmentId), body["uploadUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("BlockBlob", body["requiredHeaders"]!["x-ms-blob-type"]!.GetValue<string>());
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task ReserveUploadSendGet_ReturnsReadUrl_ForBothParticipants()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var attachmentId = await UploadedAttachmentAsync(host, Alice, id);
        using var alice = host.ClientFor(Alice);
        using var bob = host.ClientFor(Bob);

        var sent = await ApiJson.ReadOkAsync(
            await alice.PostAsync($"/api/conversations/{id}/messages", $$"""{"attachmentIds":["{{attachmentId}}"]}"""), HttpStatusCode.Created);
        var download = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/attachments/{attachmentId}", UriKind.Relative)));

        Assert.Equal("image", sent["type"]!.GetValue<string>());
        Assert.Equal(attachmentId, sent["attachments"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(attachmentId, download["attachmentId"]!.GetValue<string>());
        Assert.Equal("photo.png", download["fileName"]!.GetValue<string>());
        Assert.Contains("sp=r", download["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), download["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Reserve_StoresTheNameWithoutBidiOrFormatCharacters_AndGetReturnsIt()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var reserved = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/attachments",
            """{"fileName":"in\u2066voice\u2069\u200E\u061C\u202Efdp.exe.pdf","contentType":"application/pdf","sizeBytes":10}"""), HttpStatusCode.Created);
        var attachmentId = reserved["attachmentId"]!.GetValue<string>();
        var download = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri($"/api/conversations/{id}/attachments/{attachmentId}", UriKind.Relative)));

        Assert.Equal("in_voice____fdp.exe.pdf", download["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_Redirects302ToReadUrl_WhenRedirectIsTrue()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var attachmentId = await UploadedAttachmentAsync(host, Alice, id);
        using var alice = host.ClientFor(Alice);

        var response = await alice.GetAsync(new Uri($"/api/conversations/{id}/attachments/{attachmentId}?redirect=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("blobs.test", response.Headers.Location?.Host);
        Assert.Contains(attachmentId, response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Returns404_WhenUnsentUploadBelongsToAnotherParticipant()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var attachmentId = await UploadedAttachmentAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);

        var response = await bob.GetAsync(new Uri($"/api/conversations/{id}/attachments/{attachmentId}", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.NotFound, "attachment.not_found");
    }
}
