using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Chat.Benchmarks;

/// <summary>Bytes of one HTTP/1.1 exchange as they cross the socket (loopback), or as the response would be framed (test server).</summary>
public sealed record WireSize(long RequestBytes, long ResponseBytes, long BodyBytes, bool Exact);

public static class Wire
{
    /// <summary>
    /// Sends a raw GET over a fresh loopback connection (with <c>Accept-Encoding</c> when given) and counts every byte
    /// sent and received.
    /// </summary>
    public static async Task<WireSize> MeasureGetAsync(Uri baseAddress, string pathAndQuery, string bearerToken, string? acceptEncoding = null)
    {
        var encoding = acceptEncoding is null ? "" : $"Accept-Encoding: {acceptEncoding}\r\n";
        var request = Encoding.ASCII.GetBytes(
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nAuthorization: Bearer {bearerToken}\r\nAccept: application/json\r\n{encoding}Connection: close\r\n\r\n");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        var bytes = received.ToArray();
        var headerEnd = IndexOfBlankLine(bytes);
        return new WireSize(request.Length, bytes.Length, bytes.Length - headerEnd, Exact: true);
    }

    /// <summary>The response as HTTP/1.1 would frame it: status line, headers as received, blank line, body (as sent, compressed or not).</summary>
    public static async Task<WireSize> EstimateAsync(HttpClient client, string pathAndQuery, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var head = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(response.Content.Headers))
        {
            head.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        }

        head.Append("\r\n");
        var requestHead = $"GET {pathAndQuery} HTTP/1.1\r\nHost: localhost\r\n{Describe(client.DefaultRequestHeaders)}{(acceptEncoding is null ? "" : $"Accept-Encoding: {acceptEncoding}\r\n")}\r\n";
        return new WireSize(Encoding.ASCII.GetByteCount(requestHead), Encoding.ASCII.GetByteCount(head.ToString()) + body.Length, body.Length, Exact: false);
    }

    private static string Describe(HttpRequestHeaders headers) =>
        string.Concat(headers.Select(h => $"{h.Key}: {string.Join(", ", h.Value)}\r\n"));

    private static int IndexOfBlankLine(byte[] bytes)
    {
        for (var i = 0; i + 3 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i + 4;
            }
        }

        return bytes.Length;
    }
}
