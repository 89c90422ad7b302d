using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>
/// Every request under <c>/api</c> that no other function takes: 404 <c>request.route_not_found</c> or 405
/// <c>request.method_not_allowed</c> with <c>Allow</c>, as problem details (<see cref="UnmatchedRouteApi"/>). No method
/// list, so it takes every method. The Functions host tries function routes in the order of function names
/// (case-insensitive) and the first route whose template and methods match wins, without route precedence
/// (Azure/azure-functions-host#9876; <c>WebScriptHostHttpRoutesManager</c>, <c>WebJobsRouteBuilder</c>), so a method
/// another function does not accept falls through to here. Its name must sort after every other HTTP function's:
/// <c>Chat.Tests/Http/UnmatchedRouteTests</c> checks that.
/// </summary>
public sealed class UnmatchedRouteFunction(UnmatchedRouteApi api)
{
    [Function("ZzUnmatchedRoute")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ChatRoutes.Unmatched)] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await api.AnswerAsync(request, cancellationToken)).Result;
}
