using Chat.Shared.Auth;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Chat.Functions.Auth;

/// <summary>
/// Runs before every HTTP function (negotiate included): validates the bearer token with the Chat.Shared
/// validator, which sets <c>HttpContext.User</c>, or answers 401 with <c>WWW-Authenticate: Bearer</c> itself.
/// </summary>
public sealed class BearerAuthenticationMiddleware(ChatTokenValidator validator) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext() ?? throw new InvalidOperationException("An HTTP function ran without an HTTP context.");
        if (await validator.AuthenticateOrChallengeAsync(http))
        {
            await next(context);
        }
    }
}
