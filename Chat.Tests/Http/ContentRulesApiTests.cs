using System.Net;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// What the content rules accept: the limit counts code points (what a user sees as characters), invisible captions
/// count as none, a <c>file</c> message carries any kind and a message without a type takes its attachments' common kind.
/// </summary>
public sealed class ContentRulesApiTests
{
    [Fact]
    public async Task Send_Accepts4000Emoji_BecauseTheLimitCountsCodePointsNotUtf16Units()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        var content = string.Concat(Enumerable.Repeat("\U0001F600", 4000));

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", ApiJson.Body(new { content }));

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Equal(content, body["content"]!.GetValue<string>());
        Assert.Equal(8000, content.Length);
    }

    [Fact]
    public async Task Edit_Accepts4000Emoji()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        using var alice = host.ClientFor(Alice);
        var content = string.Concat(Enumerable.Repeat("\U0001F44D", 4000));

        var response = await alice.PatchAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative), ApiJson.Body(new { content }));

        Assert.Equal(content, (await ApiJson.ReadOkAsync(response))["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_DropsAnInvisibleCaption_OfAnAttachment()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var attachmentId = await UploadedAttachmentAsync(host, Alice, id);
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", $$"""{"content":"\u200B\u2060","attachmentIds":["{{attachmentId}}"]}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Null(body["content"]);
        Assert.Null(Assert.Single(host.Store.AllMessages(id)).Content);
    }

    [Fact]
    public async Task Send_KeepsVisibleTextWithZeroWidthCharacters_AsSent()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);

        var body = await SendTextAsync(host, Alice, id, "\u200Bok\u200D");

        Assert.Equal("\u200Bok\u200D", body["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_AcceptsAnImageAsAFileMessage()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var attachmentId = await UploadedAttachmentAsync(host, Alice, id);
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", $$"""{"type":"file","attachmentIds":["{{attachmentId}}"]}""");

        Assert.Equal("file", (await ApiJson.ReadOkAsync(response, HttpStatusCode.Created))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_WithoutType_IsAFileMessage_WhenAttachmentsAreOfDifferentKinds()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var photo = await UploadedAttachmentAsync(host, Alice, id);
        var report = await UploadedAttachmentAsync(host, Alice, id, fileName: "report.pdf", contentType: "application/pdf");
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", $$"""{"attachmentIds":["{{photo}}","{{report}}"]}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Equal("file", body["type"]!.GetValue<string>());
        Assert.Equal(2, body["attachments"]!.AsArray().Count);
    }

    [Fact]
    public async Task Send_RefusesAnImageMessage_WhenOneOfItsAttachmentsIsNoImage_AndStoresNothing()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var photo = await UploadedAttachmentAsync(host, Alice, id);
        var report = await UploadedAttachmentAsync(host, Alice, id, fileName: "report.pdf", contentType: "application/pdf");
        using var alice = host.ClientFor(Alice);
        var before = host.Store.Snapshot();
        var blobs = host.Blobs.Snapshot();
        var events = host.Events.Count;

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", $$"""{"type":"image","attachmentIds":["{{photo}}","{{report}}"]}""");

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "message.attachment_kind_mismatch");
        Assert.Equal(before, host.Store.Snapshot());
        Assert.Equal(blobs, host.Blobs.Snapshot());
        Assert.Equal(events, host.Events.Count);
    }

    [Fact]
    public async Task MultipartSend_WithoutType_TakesTheFilesKind()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        using var form = new MultipartFormDataContent("b");
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = ApiJson.Media("audio/mpeg");
        form.Add(file, "file", "note.mp3");

        var response = await alice.PostAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative), form);

        Assert.Equal("audio", (await ApiJson.ReadOkAsync(response, HttpStatusCode.Created))["type"]!.GetValue<string>());
    }
}
