using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Http;

/// <summary>
/// What a handler returns: the HTTP answer and the realtime events the host publishes (through SignalR output
/// bindings in Chat.Functions). Events are only ever present when the write they describe succeeded.
/// </summary>
public sealed record ChatHttpResult(IResult Result, IReadOnlyList<RealtimeEvent> Events)
{
    /// <summary>The answer, written through <see cref="ChatResponse"/> (nosniff, compression) by every host.</summary>
    public IResult Result { get; } = ChatResponse.Of(Result);

    /// <summary>SignalR group changes the host applies before it publishes <see cref="Events"/>.</summary>
    public IReadOnlyList<GroupChange> Groups { get; init; } = [];

    public static ChatHttpResult Of(IResult result) => new(result, []);

    /// <summary>200 with the value as JSON (no events).</summary>
    public static ChatHttpResult Ok<T>(T value) => Of(Json(value, StatusCodes.Status200OK));

    /// <summary>201 with <c>Location</c> when the operation created something, else 200; plus its events.</summary>
    public static ChatHttpResult From<T>(ChatResult<T> result, string location) =>
        result.Created
            ? new(new HeaderResult(Json(result.Value, StatusCodes.Status201Created), HeaderNames.Location, location), result.Events) { Groups = result.Groups }
            : new(Json(result.Value, StatusCodes.Status200OK), result.Events) { Groups = result.Groups };

    /// <summary>200 with the value, or 204 when there is none (the caller left); plus the operation's events and group changes.</summary>
    public static ChatHttpResult FromOptional<T>(ChatResult<T?> result)
        where T : class =>
        result.Value is null
            ? new(TypedResults.NoContent(), result.Events) { Groups = result.Groups }
            : new(Json(result.Value, StatusCodes.Status200OK), result.Events) { Groups = result.Groups };

    /// <summary>The value with <paramref name="status"/> (for example 202 for work still going on), plus the operation's events and group changes.</summary>
    public static ChatHttpResult WithStatus<T>(ChatResult<T> result, int status) => new(Json(result.Value, status), result.Events) { Groups = result.Groups };

    /// <summary>200 with the value and the operation's events.</summary>
    public static ChatHttpResult From<T>(ChatResult<T> result) => new(Json(result.Value, StatusCodes.Status200OK), result.Events) { Groups = result.Groups };

    /// <summary>JSON written with <see cref="ChatJson.Options"/>, whatever JSON settings the host has.</summary>
    private static JsonHttpResult<T> Json<T>(T value, int status) => TypedResults.Json(value, ChatJson.Options, contentType: null, statusCode: status);
}

/// <summary>Sets one response header, then runs the inner result.</summary>
internal sealed class HeaderResult(IResult inner, string name, string value) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
