using Chat.Functions.Realtime;
using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>
/// SignalR negotiation: any SignalR client pointed at <c>/api</c> posts here with its bearer token and gets
/// <c>{ url, accessToken }</c> for the hub, with the validated caller id as its SignalR user id.
/// </summary>
public sealed class NegotiateFunction(NegotiateApi api, SignalRHub hub)
{
    [Function(nameof(Negotiate))]
    public Task<IResult> Negotiate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Negotiate)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.NegotiateAsync(request, hub.NegotiateAsync, cancellationToken);
}
