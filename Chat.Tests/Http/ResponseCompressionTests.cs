using System.IO.Compression;
using System.Net;
using System.Text;
using Chat.Shared.Domain;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Answers are compressed for clients that accept it (br, then gzip), only when worth it, and always carry
/// <c>Vary: Accept-Encoding</c> and <c>X-Content-Type-Options: nosniff</c>. The test client never decompresses, so
/// these are the bytes on the wire.
/// </summary>
public sealed class ResponseCompressionTests
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("*", "br")]
    public async Task HistoryPage_IsCompressedWithTheNegotiatedEncoding_WhenTheClientAcceptsOne(string acceptEncoding, string expected)
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await ConversationWithMessagesAsync(host, 50);
        using var alice = host.ClientFor(Alice);
        var path = $"/api/conversations/{id}/messages?limit=50";

        var plain = await GetAsync(alice, path, acceptEncoding: null);
        var compressed = await GetAsync(alice, path, acceptEncoding);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal([expected], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        ApiJson.AssertNoSniff(compressed);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var wireBytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.Equal(wireBytes.Length, compressed.Content.Headers.ContentLength);
        Assert.Equal(Encoding.UTF8.GetString(plainBytes), Encoding.UTF8.GetString(Decompress(wireBytes, expected)));
        Assert.True(wireBytes.Length * 3 < plainBytes.Length, $"{plainBytes.Length} B plain, {wireBytes.Length} B {expected}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("deflate")]
    [InlineData("br;q=0, gzip;q=0")]
    public async Task HistoryPage_IsSentAsIs_WhenTheClientAcceptsNoSupportedEncoding(string? acceptEncoding)
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await ConversationWithMessagesAsync(host, 20);
        using var alice = host.ClientFor(Alice);

        var response = await GetAsync(alice, $"/api/conversations/{id}/messages", acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await ApiJson.ReadOkAsync(response);
        Assert.Equal(20, body["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ConversationList_IsCompressed_WhenTheClientAcceptsBrotli()
    {
        await using var host = await ChatApiHost.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await CreateDirectAsync(host, Alice, new ChatUser($"friend{i}", $"Friend {i}"));
        }

        using var alice = host.ClientFor(Alice);
        var plain = await GetAsync(alice, "/api/conversations", acceptEncoding: null);
        var compressed = await GetAsync(alice, "/api/conversations", "br");

        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var wireBytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.Equal(plainBytes, Decompress(wireBytes, "br"));
        Assert.True(wireBytes.Length * 3 < plainBytes.Length, $"{plainBytes.Length} B plain, {wireBytes.Length} B br");
    }

    [Fact]
    public async Task SmallAnswersAndProblems_AreSentAsIs_EvenWhenTheClientAcceptsBrotli()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var unread = await GetAsync(alice, "/api/unread", "br");
        var problem = await GetAsync(alice, "/api/conversations?limit=0", "br");

        Assert.Empty(unread.Content.Headers.ContentEncoding);
        Assert.Empty(problem.Content.Headers.ContentEncoding);
        await ApiJson.ReadOkAsync(unread);
        await ApiJson.ReadProblemAsync(problem, HttpStatusCode.BadRequest, "request.invalid_limit");
    }

    [Fact]
    public async Task Negotiate_IsNeverCompressed_AndCarriesNoSniff()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/negotiate");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        var response = await alice.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        ApiJson.AssertNoSniff(response);
    }

    [Fact]
    public async Task Unauthenticated_Answer_CarriesNoSniff()
    {
        await using var host = await ChatApiHost.StartAsync();

        var response = await host.Client.GetAsync(new Uri("/api/conversations", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing_token");
    }

    private static async Task<string> ConversationWithMessagesAsync(ChatApiHost host, int count)
    {
        var id = await CreateDirectAsync(host, Alice, Bob);
        for (var i = 0; i < count; i++)
        {
            await SendTextAsync(host, i % 2 == 0 ? Alice : Bob, id, $"Message {i}: see you at the station at half past six, ok?");
        }

        return id;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
