using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Catch-up after a reconnect: the caller's changed conversations, and one conversation's changes.</summary>
public sealed class SyncFunctions(SyncApi api)
{
    [Function(nameof(Sync))]
    public async Task<ChatHttpOutput> Sync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Sync)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetSyncAsync(request, cancellationToken));

    [Function(nameof(GetChanges))]
    public async Task<ChatHttpOutput> GetChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Changes)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetChangesAsync(request, conversationId, cancellationToken));
}
