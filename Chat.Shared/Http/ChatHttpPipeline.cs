using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Http;

/// <summary>
/// What every handler does around its own work: resolve the caller (401 without one; 403 when a server token calls a
/// user route or a user token a server route), open a log scope with <c>{ConversationId}</c> and <c>{UserId}</c>, and
/// turn expected failures into problem details. Unexpected exceptions propagate to the host, which logs them.
/// </summary>
public sealed class ChatHttpPipeline(CallerAccessor callers, IOptions<ChatOptions> options, ILogger<ChatHttpPipeline> logger)
{
    /// <summary>A user route: a chat user only; the server principal gets 403 <c>auth.user_required</c>.</summary>
    public Task<ChatHttpResult> RunAsync(
        HttpRequest request, string operation, string? conversationId, Func<ChatUser, Task<ChatHttpResult>> handle) =>
        callers.KindOf(request.HttpContext) switch
        {
            CallerKind.User => RunAsAsync(callers.GetCaller(request.HttpContext)!, operation, conversationId, handle),
            CallerKind.Server => Task.FromResult(ChatHttpResult.Of(ChatProblems.Create(StatusCodes.Status403Forbidden, HttpErrorCodes.UserRequired,
                "This route acts for a chat user; the server principal uses the /api/server routes."))),
            _ => Task.FromResult(Unauthenticated()),
        };

    /// <summary>
    /// A server route (<c>/api/server/...</c>): the server principal only, acting as <see cref="ServerActor"/>; a user
    /// token gets 403 <c>auth.server_role_required</c>.
    /// </summary>
    public Task<ChatHttpResult> RunAsServerAsync(
        HttpRequest request, string operation, string? conversationId, Func<ChatUser, Task<ChatHttpResult>> handle) =>
        callers.KindOf(request.HttpContext) switch
        {
            CallerKind.Server => RunAsAsync(ServerActor.For(options.Value), operation, conversationId, handle),
            CallerKind.User => Task.FromResult(ChatHttpResult.Of(ChatProblems.Create(StatusCodes.Status403Forbidden, HttpErrorCodes.ServerRoleRequired,
                "This route is for the app's backend: it needs a token with the server role."))),
            _ => Task.FromResult(Unauthenticated()),
        };

    /// <summary>Any authenticated caller, user or server (the answer to routes that do not exist).</summary>
    public Task<ChatHttpResult> RunAsAnyAsync(HttpRequest request, string operation, Func<Task<ChatHttpResult>> handle) =>
        callers.KindOf(request.HttpContext) switch
        {
            CallerKind.User => RunAsAsync(callers.GetCaller(request.HttpContext)!, operation, null, _ => handle()),
            CallerKind.Server => RunAsAsync(ServerActor.For(options.Value), operation, null, _ => handle()),
            _ => Task.FromResult(Unauthenticated()),
        };

    private static ChatHttpResult Unauthenticated() =>
        ChatHttpResult.Of(ChatProblems.Unauthorized(HttpErrorCodes.MissingToken, "This operation needs an authenticated caller."));

    private async Task<ChatHttpResult> RunAsAsync(ChatUser caller, string operation, string? conversationId, Func<ChatUser, Task<ChatHttpResult>> handle)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Operation"] = operation,
            ["ConversationId"] = ChatIds.IsValidResourceId(conversationId) ? conversationId : null,
            ["UserId"] = caller.Id,
        });
        try
        {
            var result = await handle(caller);
            logger.LogDebug("{Operation} answered {StatusCode} with {EventCount} events", operation, StatusOf(result.Result), result.Events.Count);
            return result;
        }
        catch (ChatException ex)
        {
            logger.LogInformation("{Operation} refused with {Code}", operation, ex.Error.Code);
            return ChatHttpResult.Of(ChatProblems.From(ex.Error));
        }
        catch (StoreUnavailableException ex)
        {
            logger.LogWarning(ex, "{Operation} failed: the store is unavailable", operation);
            return ChatHttpResult.Of(ChatProblems.Unavailable(ErrorCodes.StoreUnavailable, "The service is busy; retry shortly.", ex.RetryAfter));
        }
    }

    private static int? StatusOf(IResult result) => (result as IStatusCodeHttpResult)?.StatusCode;
}
