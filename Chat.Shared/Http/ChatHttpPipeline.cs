using Chat.Shared.Auth;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Http;

/// <summary>
/// What every handler does around its own work: resolve the caller (401 without one), open a log scope with
/// <c>{ConversationId}</c> and <c>{UserId}</c>, and turn expected failures into problem details. Unexpected
/// exceptions propagate to the host, which logs them.
/// </summary>
public sealed class ChatHttpPipeline(CallerAccessor callers, ILogger<ChatHttpPipeline> logger)
{
    public async Task<ChatHttpResult> RunAsync(
        HttpRequest request, string operation, string? conversationId, Func<ChatUser, Task<ChatHttpResult>> handle)
    {
        var caller = callers.GetCaller(request.HttpContext);
        if (caller is null)
        {
            return ChatHttpResult.Of(ChatProblems.Unauthorized(HttpErrorCodes.MissingToken, "This operation needs an authenticated caller."));
        }

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
