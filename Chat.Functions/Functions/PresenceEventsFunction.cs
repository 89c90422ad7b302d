using Chat.Functions.Realtime;
using Chat.Shared.Application;
using Chat.Shared.Realtime;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Functions;

/// <summary>
/// The hub's connection events, sent by SignalR Service (serverless mode) through its upstream to the SignalR
/// extension's webhook (<c>/runtime/webhooks/signalr</c>, see docs/functions.md). Each one updates the user's presence
/// (<see cref="PresenceService"/>); a new connection joins its user's conversation groups, and when the user came online
/// or went offline, <c>presenceChanged</c> goes to the group of each of their conversations through the output binding.
/// </summary>
public sealed class PresenceEventsFunction(PresenceService presence)
{
    [Function(nameof(OnConnected))]
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public async Task<object[]> OnConnected(
        [SignalRTrigger(ChatHub.Name, ChatHub.ConnectionsCategory, ChatHub.ConnectedEvent, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
        SignalRInvocationContext invocation,
        CancellationToken cancellationToken) =>
        SignalROutputs.From(await presence.OnConnectedAsync(invocation.UserId, invocation.ConnectionId, cancellationToken));

    [Function(nameof(OnDisconnected))]
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public async Task<object[]> OnDisconnected(
        [SignalRTrigger(ChatHub.Name, ChatHub.ConnectionsCategory, ChatHub.DisconnectedEvent, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
        SignalRInvocationContext invocation,
        CancellationToken cancellationToken) =>
        SignalROutputs.From(await presence.DisconnectedAsync(invocation.UserId, invocation.ConnectionId, invocation.Error, cancellationToken));
}
