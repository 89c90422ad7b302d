using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// The server API's users (server principal only): PUT / GET <see cref="ChatRoutes.ServerUser"/> (profile upsert: 201 or
/// 200; read) · DELETE <see cref="ChatRoutes.ServerUser"/> (erase: 202 while it runs, 200 once completed) · GET
/// <see cref="ChatRoutes.ServerUserErasure"/> (its progress) · GET <see cref="ChatRoutes.ServerUserExport"/> (the user's
/// data, page by page).
/// </summary>
public sealed class ServerUsersApi(ProfileService profiles, ErasureService erasure, ExportService export, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> UpsertProfileAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerUpsertProfile", null, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<UpsertProfileRequest>(request, cancellationToken);
            var result = await profiles.UpsertAsync(userId, body, cancellationToken);
            return ChatHttpResult.From(result, ChatRoutes.ServerUserPath(result.Value.UserId));
        });

    public Task<ChatHttpResult> GetProfileAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerGetProfile", null, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await profiles.GetAsync(userId, cancellationToken));
        });

    public Task<ChatHttpResult> EraseAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerEraseUser", null, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            var result = await erasure.EraseAsync(userId, cancellationToken);
            return ChatHttpResult.WithStatus(result, result.Value.Status == ErasureStatus.Completed ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
        });

    public Task<ChatHttpResult> GetErasureAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerGetErasure", null, async _ =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.Ok(await erasure.GetAsync(userId, cancellationToken));
        });

    public Task<ChatHttpResult> ExportAsync(HttpRequest request, string? userId, CancellationToken cancellationToken) =>
        pipeline.RunAsServerAsync(request, "ServerExportUser", null, async _ =>
        {
            var cursor = QueryParameters.Value(request, "cursor");
            return ChatHttpResult.Ok(await export.GetPageAsync(userId, cursor, QueryParameters.Limit(request), cancellationToken));
        });
}
