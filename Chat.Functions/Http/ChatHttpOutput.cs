using Chat.Functions.Realtime;
using Chat.Shared.Http;
using Chat.Shared.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>An HTTP function's outputs: the answer, and one SignalR message per recipient of each event.</summary>
public sealed class ChatHttpOutput
{
    [HttpResult]
    public required IResult Result { get; init; }

    [SignalROutput(HubName = ChatHub.Name, ConnectionStringSetting = SignalRHub.ConnectionSetting)]
    public required SignalRMessageAction[] Messages { get; init; }

    public static ChatHttpOutput From(ChatHttpResult result) => new() { Result = result.Result, Messages = SignalROutputs.From(result.Events) };
}
