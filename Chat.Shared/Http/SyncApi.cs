using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// GET <see cref="ChatRoutes.Sync"/> (<c>?since=&amp;limit=</c>: the caller's conversations changed since a token) ·
/// GET <see cref="ChatRoutes.Changes"/> (<c>?since=&amp;limit=</c>: everything changed in one conversation since a token).
/// </summary>
public sealed class SyncApi(SyncService sync, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> GetSyncAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "Sync", null, async caller =>
        {
            var query = new SyncRequest(QueryParameters.Value(request, "since"), QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await sync.GetSyncAsync(caller, query, cancellationToken));
        });

    public Task<ChatHttpResult> GetChangesAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetChanges", conversationId, async caller =>
        {
            var query = new ChangesRequest(QueryParameters.Value(request, "since"), QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await sync.GetChangesAsync(caller, conversationId, query, cancellationToken));
        });
}
