using Azure.Storage.Blobs;

namespace Chat.Tests.Storage.Blobs;

/// <summary>What a client does with a SAS URL: plain HTTP, no storage SDK, as a mobile app or browser would.</summary>
internal static class SasRequests
{
    private static readonly HttpClient Http = new();

    /// <summary>PUT <paramref name="body"/> to an upload URL with exactly <paramref name="headers"/> (content headers on the content).</summary>
    public static async Task<HttpResponseMessage> PutAsync(Uri url, IReadOnlyDictionary<string, string> headers, byte[] body, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await (client ?? Http).SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(Uri url) => Http.GetAsync(url);

    public static Task<HttpResponseMessage> DeleteAsync(Uri url) => Http.DeleteAsync(url);

    /// <summary>The same SAS query on another blob of the container.</summary>
    public static Uri OnOtherBlob(Uri url, string otherBlobName) => new BlobUriBuilder(url) { BlobName = otherBlobName }.ToUri();
}
