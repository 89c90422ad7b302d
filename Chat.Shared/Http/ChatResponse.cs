using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Http;

/// <summary>
/// What every answer of the API gets when it is written, whichever host writes it (the Functions worker executes
/// the <see cref="IResult"/> a function returns; the test host executes it from its endpoints): the header
/// <c>X-Content-Type-Options: nosniff</c>, and for JSON bodies of at least <see cref="HttpLimits.MinCompressedBytes"/>
/// a compressed body when the client accepts one (<c>br</c> preferred, then <c>gzip</c>). The encoding is negotiated
/// by ASP.NET Core's <see cref="IResponseCompressionProvider"/> (registered by
/// <see cref="ChatHttpServiceCollectionExtensions.AddChatHttp"/>); the body is buffered (pages are bounded) and sent
/// compressed only when that makes it smaller. Being a result rather than middleware, this works where the host
/// offers no ASP.NET Core middleware pipeline of its own (the Functions isolated worker).
/// </summary>
public static class ChatResponse
{
    /// <summary>The answer with nosniff and compression.</summary>
    public static IResult Of(IResult result) => result is ChatResponseResult ? result : new ChatResponseResult(result, compress: true);

    /// <summary>The answer with nosniff only: for bodies that carry credentials (negotiate's access token).</summary>
    public static IResult Uncompressed(IResult result) =>
        result is ChatResponseResult { Compress: false } ? result : new ChatResponseResult(Unwrap(result), compress: false);

    /// <summary>The mime types worth compressing: every body the API writes.</summary>
    public static readonly string[] CompressedMimeTypes = ["application/json", "application/problem+json"];

    /// <summary>Adds <c>X-Content-Type-Options: nosniff</c> (idempotent).</summary>
    public static void AddSecurityHeaders(HttpResponse response) => response.Headers.XContentTypeOptions = "nosniff";

    private static IResult Unwrap(IResult result) => result is ChatResponseResult wrapped ? wrapped.Inner : result;
}

/// <summary>See <see cref="ChatResponse"/>.</summary>
internal sealed class ChatResponseResult(IResult inner, bool compress) : IResult, IStatusCodeHttpResult
{
    public IResult Inner { get; } = inner;

    public bool Compress { get; } = compress;

    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        ChatResponse.AddSecurityHeaders(response);
        var compression = Compress ? httpContext.RequestServices.GetService<IResponseCompressionProvider>() : null;
        if (compression is null)
        {
            await Inner.ExecuteAsync(httpContext);
            return;
        }

        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (!compression.CheckRequestAcceptsCompression(httpContext))
        {
            await Inner.ExecuteAsync(httpContext);
            return;
        }

        using var body = await BufferAsync(httpContext);
        var provider = body.Length >= HttpLimits.MinCompressedBytes && compression.ShouldCompressResponse(httpContext)
            ? compression.GetCompressionProvider(httpContext)
            : null;
        if (provider is not null)
        {
            using var compressed = new MemoryStream();
            await using (var encoder = provider.CreateStream(compressed))
            {
                await encoder.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), httpContext.RequestAborted);
            }

            if (compressed.Length < body.Length)
            {
                response.Headers.ContentEncoding = provider.EncodingName;
                await WriteAsync(response, compressed, httpContext.RequestAborted);
                return;
            }
        }

        await WriteAsync(response, body, httpContext.RequestAborted);
    }

    /// <summary>Runs the inner result against a memory buffer instead of the response body.</summary>
    private async Task<MemoryStream> BufferAsync(HttpContext httpContext)
    {
        var original = httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var buffer = new MemoryStream();
        var buffering = new StreamResponseBodyFeature(buffer, original);
        httpContext.Features.Set<IHttpResponseBodyFeature>(buffering);
        try
        {
            await Inner.ExecuteAsync(httpContext);
            await buffering.CompleteAsync();
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            httpContext.Features.Set(original);
        }
    }

    private static async Task WriteAsync(HttpResponse response, MemoryStream body, CancellationToken cancellationToken)
    {
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
        }
    }
}
