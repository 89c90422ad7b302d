using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// Every request no route and method of <see cref="ChatApi.Routes"/> takes: <b>405</b>
/// <c>request.method_not_allowed</c> with <c>Allow</c> when the path is a route of the API with other methods, else
/// <b>404</b> <c>request.route_not_found</c>, both as problem details. The Functions app answers them with a catch-all
/// function (<see cref="ChatRoutes.Unmatched"/>), the test host with its fallback endpoint; both call this. Like every
/// route it needs an authenticated caller (401 first), a user or the server principal.
/// </summary>
public sealed class UnmatchedRouteApi(ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsAnyAsync(request, "UnmatchedRoute", () => Task.FromResult(ChatHttpResult.Of(Answer(request))));

    private static IResult Answer(HttpRequest request)
    {
        var allowed = ChatRoutes.MethodsFor(request.Path);
        return allowed.Count > 0
            ? ChatProblems.MethodNotAllowed(HttpErrorCodes.MethodNotAllowed, $"This route answers {string.Join(", ", allowed)} only.", allowed)
            : ChatProblems.Create(StatusCodes.Status404NotFound, HttpErrorCodes.RouteNotFound, "The API has no such route; see docs/api.md for every route.");
    }
}
