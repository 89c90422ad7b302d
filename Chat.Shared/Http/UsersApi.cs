using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// GET <see cref="ChatRoutes.User"/> (one user the caller may see) · GET <see cref="ChatRoutes.Users"/> (<c>?ids=</c>
/// comma-separated, or <c>?prefix=&amp;cursor=&amp;limit=</c> for the directory).
/// </summary>
public sealed class UsersApi(UserService users, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> GetAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetUser", null, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await users.GetAsync(caller, userId, cancellationToken));
        });

    public Task<ChatHttpResult> QueryAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetUsers", null, async caller =>
        {
            var query = new UsersRequest(
                QueryParameters.Value(request, "ids"),
                QueryParameters.Value(request, "prefix"),
                QueryParameters.Value(request, "cursor"),
                QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await users.QueryAsync(caller, query, cancellationToken));
        });
}
