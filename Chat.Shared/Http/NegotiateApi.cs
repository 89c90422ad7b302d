using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// POST <see cref="ChatRoutes.Negotiate"/>. The SignalR negotiation itself runs in the host (Chat.Functions:
/// the SignalR Management SDK hub context); this decides whose connection it is: always the validated caller,
/// never an id the client sent.
/// </summary>
public sealed class NegotiateApi(CallerAccessor callers)
{
    /// <summary>
    /// The validated caller, or the answer when there is none: 403 <c>auth.user_required</c> for the server principal
    /// (it has no realtime connection of its own), else 401.
    /// </summary>
    public NegotiateCaller CallerFor(HttpRequest request) =>
        callers.GetCaller(request.HttpContext) is { } caller
            ? new NegotiateCaller(caller, null)
            : callers.KindOf(request.HttpContext) == CallerKind.Server
                ? new NegotiateCaller(null, ChatResponse.Uncompressed(ChatProblems.Create(StatusCodes.Status403Forbidden, HttpErrorCodes.UserRequired,
                    "Only a chat user negotiates a realtime connection.")))
                : new NegotiateCaller(null, ChatResponse.Uncompressed(
                    ChatProblems.Unauthorized(HttpErrorCodes.MissingToken, "Negotiating a connection needs an authenticated caller.")));

    /// <summary>
    /// Runs <paramref name="negotiate"/> (which returns the connection info JSON <c>{ url, accessToken }</c>) for the
    /// validated caller's id and answers 200 with it, or 401.
    /// </summary>
    public async Task<IResult> NegotiateAsync(
        HttpRequest request, Func<string, CancellationToken, Task<BinaryData>> negotiate, CancellationToken cancellationToken)
    {
        var (caller, unauthorized) = CallerFor(request);
        if (caller is null)
        {
            return unauthorized!;
        }

        var connection = await negotiate(caller.Id, cancellationToken);
        // Never compressed: the body carries an access token (see ChatResponse).
        return ChatResponse.Uncompressed(TypedResults.Bytes(connection.ToArray(), "application/json"));
    }
}

/// <summary>The caller to negotiate for, or the 401 answer.</summary>
public sealed record NegotiateCaller(ChatUser? Caller, IResult? Unauthorized);
