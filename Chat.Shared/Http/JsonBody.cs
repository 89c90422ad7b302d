using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Http;

/// <summary>
/// Reads a JSON request body: <c>application/json</c> (UTF-8) only, at most <see cref="HttpLimits.MaxJsonBytes"/>,
/// an object with no unknown, duplicate or missing required properties and no values of the wrong type.
/// </summary>
public static class JsonBody
{
    /// <summary><see cref="ChatJson.Options"/> made strict for input.</summary>
    public static JsonSerializerOptions StrictOptions { get; } = CreateStrictOptions();

    /// <summary>The body as <typeparamref name="T"/>; an empty body is 400 <c>request.body_required</c>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class =>
        await ReadOptionalAsync<T>(request, cancellationToken) ?? throw RequestErrors.BodyRequired();

    /// <summary>The body as <typeparamref name="T"/>, or null when the request has no body at all.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        var bytes = await RequestBody.ReadLimitedAsync(request, HttpLimits.MaxJsonBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        if (!IsJson(request.ContentType))
        {
            throw RequestErrors.UnsupportedMediaType("application/json");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, StrictOptions) ?? throw RequestErrors.BodyRequired();
        }
        catch (JsonException ex)
        {
            throw RequestErrors.InvalidJson(ex.Path);
        }
    }

    /// <summary><c>application/json</c>, optionally with <c>charset=utf-8</c>.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase));

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = new JsonSerializerOptions(ChatJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            MaxDepth = 16,
        };
        options.MakeReadOnly();
        return options;
    }
}
