using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>GET <see cref="ChatRoutes.Presence"/><c>?userIds=a,b,c</c>: online and last seen of users who share a conversation with the caller.</summary>
public sealed class PresenceApi(PresenceService presence, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> GetAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetPresence", null, async caller =>
            ChatHttpResult.Ok(await presence.GetAsync(caller, new PresenceRequest(QueryParameters.Value(request, "userIds")), cancellationToken)));
}
