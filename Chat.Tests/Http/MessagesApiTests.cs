using System.Net;
using System.Net.Http.Headers;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class MessagesApiTests
{
    [Fact]
    public async Task Send_Returns201WithStoredMessageAndEvents_WhenJsonIsValid()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", """{"content":"hi bob","metadata":{"listingId":"l-9"}}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        var messageId = body["id"]!.GetValue<string>();
        Assert.Equal($"/api/conversations/{id}/messages/{messageId}", response.Headers.Location?.OriginalString);
        Assert.Equal("text", body["type"]!.GetValue<string>());
        Assert.Equal("hi bob", body["content"]!.GetValue<string>());
        Assert.Equal(1, body["sequence"]!.GetValue<long>());
        Assert.Equal("alice", body["sender"]!["id"]!.GetValue<string>());
        Assert.Equal("Alice", body["sender"]!["displayName"]!.GetValue<string>());
        Assert.Equal("sent", body["status"]!.GetValue<string>());
        Assert.Equal("l-9", body["metadata"]!["listingId"]!.GetValue<string>());
        Assert.Single(host.Store.AllMessages(id));
        Assert.Equal([EventAudience.Conversation(id)], host.Events.Where(e => e.Target == EventTargets.MessageCreated).Select(e => e.Audience).ToArray());
    }

    [Fact]
    public async Task Send_IgnoresSenderClaimsInBody_AndRejectsUnknownSenderField()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync($"/api/conversations/{id}/messages", """{"content":"hi","senderId":"bob"}""");

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.BadRequest, "request.invalid_json");
        Assert.Empty(host.Store.AllMessages(id));
    }

    [Fact]
    public async Task Send_Returns201Then200WithOneStoredCopy_WhenClientMessageIdRepeats()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        const string Json = """{"clientMessageId":"cm-42","content":"only once"}""";

        var first = await alice.PostAsync($"/api/conversations/{id}/messages", Json);
        var eventsAfterFirst = host.Events.Count;
        var retry = await alice.PostAsync($"/api/conversations/{id}/messages", Json);

        var created = await ApiJson.ReadOkAsync(first, HttpStatusCode.Created);
        var replayed = await ApiJson.ReadOkAsync(retry, HttpStatusCode.OK);
        Assert.Equal(created["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Equal("cm-42", replayed["clientMessageId"]!.GetValue<string>());
        Assert.Single(host.Store.AllMessages(id));
        Assert.Equal(eventsAfterFirst, host.Events.Count);
    }

    [Fact]
    public async Task Send_StoresFileAndReturnsImageMessage_WhenMultipartHasOneSmallFile()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("look at this"), "content");
        form.Add(new StringContent("cm-file-1"), "clientMessageId");
        var file = new ByteArrayContent(new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "../../holiday.png");

        var response = await alice.PostAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative), form);

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Equal("image", body["type"]!.GetValue<string>());
        Assert.Equal("look at this", body["content"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("holiday.png", attachment["fileName"]!.GetValue<string>());
        Assert.Equal("image/png", attachment["contentType"]!.GetValue<string>());
        Assert.Equal(7, attachment["sizeBytes"]!.GetValue<long>());
        Assert.StartsWith("https://blobs.test/", attachment["downloadUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(host.Blobs.IsAttached($"{id}/{attachment["id"]!.GetValue<string>()}"));
    }

    [Fact]
    public async Task Send_Returns200WithStoredMessage_WhenMultipartRetryRepeatsClientMessageId()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);

        var first = await alice.PostAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative), FileForm("cm-7"));
        var retry = await alice.PostAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative), FileForm("cm-7"));

        var created = await ApiJson.ReadOkAsync(first, HttpStatusCode.Created);
        var replayed = await ApiJson.ReadOkAsync(retry, HttpStatusCode.OK);
        Assert.Equal(created["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Single(host.Store.AllMessages(id));
    }

    [Fact]
    public async Task GetHistory_PagesBackwardAndCatchesUpForward_WithCursors()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        for (var i = 1; i <= 5; i++)
        {
            await SendTextAsync(host, i % 2 == 0 ? Bob : Alice, id, $"m{i}");
        }

        using var bob = host.ClientFor(Bob);

        var latest = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages?limit=2", UriKind.Relative)));
        var older = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages?limit=2&before={latest["nextCursor"]}", UriKind.Relative)));
        var newer = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages?after=3", UriKind.Relative)));

        Assert.Equal(["m4", "m5"], Contents(latest));
        Assert.True(latest["hasMore"]!.GetValue<bool>());
        Assert.Equal(["m2", "m3"], Contents(older));
        Assert.Equal(["m4", "m5"], Contents(newer));
        Assert.Equal("5", newer["nextCursor"]!.GetValue<string>());
        Assert.False(newer["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Edit_Returns200WithEditedMessageAndUpdateEvents_ForOwnMessage()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id, "typo"))["id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var alice = host.ClientFor(Alice);

        var response = await alice.PatchAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative), ApiJson.Body("""{"content":"fixed"}"""));

        var body = await ApiJson.ReadOkAsync(response);
        Assert.Equal("fixed", body["content"]!.GetValue<string>());
        Assert.NotNull(body["editedAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal("fixed", host.Store.AllMessages(id).Single().Content);
        Assert.Equal([EventAudience.Conversation(id)], host.Events.Where(e => e.Target == EventTargets.MessageUpdated).Select(e => e.Audience));
    }

    [Fact]
    public async Task Delete_Returns200WithTombstoneAndDeletedEvents_ForOwnMessage()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id, "oops"))["id"]!.GetValue<string>();
        using var alice = host.ClientFor(Alice);

        var response = await alice.DeleteAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative));

        var body = await ApiJson.ReadOkAsync(response);
        Assert.Null(body["content"]);
        Assert.NotNull(body["deletedAt"]?.GetValue<DateTimeOffset>());
        Assert.True(host.Store.AllMessages(id).Single().IsDeleted);
        var deleted = host.Events.Where(e => e.Target == EventTargets.MessageDeleted).ToList();
        Assert.Equal(EventAudience.Conversation(id), Assert.Single(deleted).Audience);
        Assert.Equal(messageId, Assert.IsType<MessageDeletedEvent>(deleted[0].Payload).MessageId);
    }

    [Fact]
    public async Task Edit_Returns409WithCode_WhenEditWindowPassed()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromMinutes(16));
        using var alice = host.ClientFor(Alice);

        var response = await alice.PatchAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative), ApiJson.Body("""{"content":"late"}"""));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Conflict, "message.edit_window_expired");
    }

    [Fact]
    public async Task Delete_Returns409WithCode_WhenDeleteWindowPassed()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        using var alice = host.ClientFor(Alice);

        var response = await alice.DeleteAsync(new Uri($"/api/conversations/{id}/messages/{messageId}", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Conflict, "message.delete_window_expired");
        Assert.False(host.Store.AllMessages(id).Single().IsDeleted);
    }

    private static string[] Contents(System.Text.Json.Nodes.JsonNode page) =>
        page["items"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToArray();

    private static MultipartFormDataContent FileForm(string clientMessageId)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(clientMessageId), "clientMessageId");
        var file = new ByteArrayContent([1, 2, 3, 4]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "doc.pdf");
        return form;
    }
}
