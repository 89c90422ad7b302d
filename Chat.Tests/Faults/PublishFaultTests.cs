using System.Net;
using Chat.Tests.Http;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Faults;

/// <summary>
/// The realtime push fails after the write (SignalR down, the output binding throws): the message is stored, the
/// other participants get it with the <c>after=</c> catch-up, and the sender's retry neither duplicates it nor fails.
/// </summary>
public class PublishFaultTests
{
    [Fact]
    public async Task Send_MessageIsStoredAndReturnedByCatchUp_WhenThePublishFailsAfterTheWrite()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var seen = (await SendTextAsync(host, Bob, id, "before the outage"))["sequence"]!.GetValue<long>();
        host.State.FailPublish = true;
        using var alice = host.ClientFor(Alice);
        using var bob = host.ClientFor(Bob);

        var lost = await SendOrFailAsync(alice, id);
        host.State.FailPublish = false;
        var caughtUp = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages?after={seen}", UriKind.Relative)));
        var retry = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/messages", """{"clientMessageId":"c-7","content":"during the outage"}"""));

        Assert.NotEqual(HttpStatusCode.Created, lost);
        var item = Assert.Single(caughtUp["items"]!.AsArray());
        Assert.Equal("during the outage", item!["content"]!.GetValue<string>());
        Assert.Equal(seen + 1, item["sequence"]!.GetValue<long>());
        Assert.Equal(item["id"]!.GetValue<string>(), retry["id"]!.GetValue<string>());
        Assert.Equal(2, host.Store.AllMessages(id).Count);
    }

    [Fact]
    public async Task MarkRead_PositionIsKept_WhenThePublishFailsAfterTheWrite()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id, "one");
        await SendTextAsync(host, Alice, id, "two");
        host.State.FailPublish = true;
        using var bob = host.ClientFor(Bob);

        var lost = await PostOrFailAsync(bob, $"/api/conversations/{id}/read", "{}");
        host.State.FailPublish = false;
        var unread = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        var again = await ApiJson.ReadOkAsync(await bob.PostAsync($"/api/conversations/{id}/read", "{}"));

        Assert.NotEqual(HttpStatusCode.OK, lost);
        Assert.Equal(0, unread["total"]!.GetValue<long>());
        Assert.Equal(2, again["readSequence"]!.GetValue<long>());
    }

    private static Task<HttpStatusCode> SendOrFailAsync(HttpClient client, string conversationId) =>
        PostOrFailAsync(client, $"/api/conversations/{conversationId}/messages", """{"clientMessageId":"c-7","content":"during the outage"}""");

    /// <summary>The status the client saw, or 0 when the failure reached it as a broken response.</summary>
    private static async Task<HttpStatusCode> PostOrFailAsync(HttpClient client, string path, string json)
    {
        try
        {
            using var response = await client.PostAsync(path, json);
            return response.StatusCode;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            return 0;
        }
    }
}
