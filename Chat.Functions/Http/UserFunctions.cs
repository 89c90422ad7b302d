using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Users as other users see them, and the directory.</summary>
public sealed class UserFunctions(UsersApi api)
{
    [Function(nameof(GetUsers))]
    public async Task<ChatHttpOutput> GetUsers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Users)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.QueryAsync(request, cancellationToken));

    [Function(nameof(GetUser))]
    public async Task<ChatHttpOutput> GetUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.User)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetAsync(request, userId, cancellationToken));
}
