using System.Net;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class NegotiateApiTests
{
    [Fact]
    public async Task Negotiate_UsesValidatedCallerId_AndIgnoresClientSuppliedIds()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/negotiate?negotiateVersion=1&userId=mallory");
        request.Headers.Add("x-ms-client-principal-id", "mallory");
        request.Headers.Add("x-user-id", "mallory");

        var body = await ApiJson.ReadOkAsync(await alice.SendAsync(request));

        Assert.Equal("signalr:alice", body["accessToken"]!.GetValue<string>());
        Assert.Equal("https://signalr.test/client/?hub=chat", body["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Negotiate_Returns401_WithoutToken()
    {
        await using var host = await ChatApiHost.StartAsync();

        var response = await host.Client.PostAsync(new Uri("/api/negotiate", UriKind.Relative), content: null);

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing_token");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
