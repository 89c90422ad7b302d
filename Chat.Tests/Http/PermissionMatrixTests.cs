using System.Net;
using System.Net.Http.Headers;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// A caller outside a conversation (never a member, removed, or left) gets 404 conversation.not_found on every
/// conversation route, as if it did not exist, and changes nothing.
/// </summary>
public sealed class PermissionMatrixTests
{
    public static TheoryData<string, string> RoutesAndOutsiders()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in RouteCases.Keys)
        {
            foreach (var outsider in new[] { "never a member", "removed", "left" })
            {
                data.Add(route, outsider);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<Ids, HttpRequestMessage>> RouteCases = new()
    {
        ["GET conversation"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}"),
        ["POST messages json"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/messages", """{"content":"let me in"}"""),
        ["POST messages multipart"] = ids => Multipart($"/api/conversations/{ids.Conversation}/messages"),
        ["GET messages"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}/messages"),
        ["GET messages after"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}/messages?after=0"),
        ["PATCH message"] = ids => Json(HttpMethod.Patch, $"/api/conversations/{ids.Conversation}/messages/{ids.Message}", """{"content":"x"}"""),
        ["DELETE message"] = ids => new(HttpMethod.Delete, $"/api/conversations/{ids.Conversation}/messages/{ids.Message}"),
        ["POST read"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/read", "{}"),
        ["POST delivered"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/delivered", $$"""{"messageId":"{{ids.Message}}"}"""),
        ["POST typing"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/typing", """{"isTyping":true}"""),
        ["POST attachments"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/attachments",
            """{"fileName":"a.png","contentType":"image/png","sizeBytes":10}"""),
        ["GET attachment"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}/attachments/{ids.Attachment}"),
        ["GET attachment redirect"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}/attachments/{ids.Attachment}?redirect=true"),
        ["GET changes"] = ids => new(HttpMethod.Get, $"/api/conversations/{ids.Conversation}/changes"),
        ["PATCH conversation"] = ids => Json(HttpMethod.Patch, $"/api/conversations/{ids.Conversation}", """{"title":"mine now"}"""),
        ["POST participants"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/participants", """{"userIds":["mallory","carol"]}"""),
        ["PATCH participant role"] = ids => Json(HttpMethod.Patch, $"/api/conversations/{ids.Conversation}/participants/bob", """{"role":"owner"}"""),
        ["DELETE participant"] = ids => new(HttpMethod.Delete, $"/api/conversations/{ids.Conversation}/participants/bob"),
        ["DELETE self"] = ids => new(HttpMethod.Delete, $"/api/conversations/{ids.Conversation}/participants/{ids.Caller}"),
        ["POST close"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/close", "{}"),
        ["POST reopen"] = ids => Json(HttpMethod.Post, $"/api/conversations/{ids.Conversation}/reopen", "{}"),
        ["PUT me"] = ids => Json(HttpMethod.Put, $"/api/conversations/{ids.Conversation}/me", """{"muted":true}"""),
        ["PUT reaction"] = ids => new(HttpMethod.Put, $"/api/conversations/{ids.Conversation}/messages/{ids.Message}/reactions/%F0%9F%91%8D"),
        ["DELETE reaction"] = ids => new(HttpMethod.Delete, $"/api/conversations/{ids.Conversation}/messages/{ids.Message}/reactions/%F0%9F%91%8D"),
    };

    [Theory]
    [MemberData(nameof(RoutesAndOutsiders))]
    public async Task Route_Returns404ConversationNotFound_ForEveryOutsider(string route, string outsider)
    {
        await using var host = await ChatApiHost.StartAsync();
        var conversation = await CreateGroupAsync(host, Alice, Bob, Carol);
        var message = (await SendTextAsync(host, Alice, conversation))["id"]!.GetValue<string>();
        var attachment = await UploadedAttachmentAsync(host, Alice, conversation);
        using (var alice = host.ClientFor(Alice))
        {
            await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{conversation}/messages",
                $$"""{"attachmentIds":["{{attachment}}"]}"""), HttpStatusCode.Created);
            await ApiJson.ReadOkAsync(await alice.PutAsync(new Uri($"/api/conversations/{conversation}/messages/{message}/reactions/%F0%9F%91%8D", UriKind.Relative), null));
        }

        var caller = outsider == "never a member" ? Mallory : Carol;
        if (outsider != "never a member")
        {
            using var remover = host.ClientFor(outsider == "removed" ? Alice : Carol);
            var removed = await remover.DeleteAsync(new Uri($"/api/conversations/{conversation}/participants/carol", UriKind.Relative));
            Assert.True(removed.IsSuccessStatusCode, $"{(int)removed.StatusCode}");
        }

        var before = host.Store.Snapshot();
        var blobsBefore = host.Blobs.Snapshot();
        var events = host.Events.Count;
        using var client = host.ClientFor(caller);

        var response = await client.SendAsync(RouteCases[route](new Ids(conversation, message, attachment, caller.Id)));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.NotFound, "conversation.not_found");
        Assert.Equal(before, host.Store.Snapshot());
        Assert.Equal(blobsBefore, host.Blobs.Snapshot());
        Assert.Equal(events, host.Events.Count);
        Assert.Equal(0, host.Typing.Count);
    }

    [Fact]
    public async Task Route_AnswersSameBody_ForForeignAndMissingConversation()
    {
        await using var host = await ChatApiHost.StartAsync();
        var conversation = await CreateDirectAsync(host, Alice, Bob);
        using var mallory = host.ClientFor(Mallory);

        var foreign = await mallory.GetAsync(new Uri($"/api/conversations/{conversation}", UriKind.Relative));
        var missing = await mallory.GetAsync(new Uri("/api/conversations/d_doesnotexist", UriKind.Relative));

        Assert.Equal(await missing.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) => new(method, path) { Content = ApiJson.Body(json) };

    private static HttpRequestMessage Multipart(string path)
    {
        var form = new MultipartFormDataContent { { new StringContent("hi"), "content" } };
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "a.png");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }

    public sealed record Ids(string Conversation, string Message, string Attachment, string Caller);
}
