using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Online and last seen of users who share a conversation with the caller.</summary>
public sealed class PresenceFunctions(PresenceApi api)
{
    [Function(nameof(GetPresence))]
    public async Task<ChatHttpOutput> GetPresence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Presence)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetAsync(request, cancellationToken));
}
