using Chat.Functions.Realtime;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>An HTTP function's outputs: the answer, and its SignalR group changes and messages (one per event).</summary>
public sealed class ChatHttpOutput
{
    [HttpResult]
    public required IResult Result { get; init; }

    /// <summary><see cref="SignalRGroupAction"/>s then <see cref="SignalRMessageAction"/>s, run by the binding in this order.</summary>
    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public required object[] SignalR { get; init; }

    public static ChatHttpOutput From(ChatHttpResult result) => new() { Result = result.Result, SignalR = SignalROutputs.From(result.Groups, result.Events) };
}
