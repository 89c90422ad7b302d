using Chat.Shared.Realtime;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Realtime;

/// <summary>One SignalR output message per recipient user, target and payload exactly as the core produced them.</summary>
public static class SignalROutputs
{
    public static SignalRMessageAction[] From(IReadOnlyList<RealtimeEvent> events) =>
        events.Select(e => new SignalRMessageAction(e.Target, [e.PayloadJson()]) { UserId = e.UserId }).ToArray();
}
