using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>Reads request bodies with a hard size limit, whether or not the client sent Content-Length.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw RequestErrors.BodyTooLarge(limit);
        }

        using var buffer = new MemoryStream();
        if (!await CopyLimitedAsync(request.Body, buffer, limit, cancellationToken))
        {
            throw RequestErrors.BodyTooLarge(limit);
        }

        return buffer.ToArray();
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; false when the source has more.</summary>
    public static async Task<bool> CopyLimitedAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return false;
                }

                await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }
        }
        catch (BadHttpRequestException ex)
        {
            throw ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? RequestErrors.BodyTooLarge(limit)
                : RequestErrors.Unreadable();
        }

        return true;
    }
}
