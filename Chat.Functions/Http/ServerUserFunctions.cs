using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>The server API's users (server principal only): profiles, erasure, export.</summary>
public sealed class ServerUserFunctions(ServerUsersApi api)
{
    [Function(nameof(ServerUpsertProfile))]
    public async Task<ChatHttpOutput> ServerUpsertProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ChatRoutes.ServerUser)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.UpsertProfileAsync(request, userId, cancellationToken));

    [Function(nameof(ServerGetProfile))]
    public async Task<ChatHttpOutput> ServerGetProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerUser)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetProfileAsync(request, userId, cancellationToken));

    [Function(nameof(ServerEraseUser))]
    public async Task<ChatHttpOutput> ServerEraseUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.ServerUser)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.EraseAsync(request, userId, cancellationToken));

    [Function(nameof(ServerGetErasure))]
    public async Task<ChatHttpOutput> ServerGetErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerUserErasure)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetErasureAsync(request, userId, cancellationToken));

    [Function(nameof(ServerExportUser))]
    public async Task<ChatHttpOutput> ServerExportUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerUserExport)] HttpRequest request,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ExportAsync(request, userId, cancellationToken));
}
