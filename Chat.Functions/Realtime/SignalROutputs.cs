using Chat.Shared.Realtime;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Realtime;

/// <summary>
/// The SignalR output actions of one invocation, in the order the host must run them: group changes first (a member
/// added to a conversation's group before any message to that group), then one message per event — to a
/// conversation's group or to one user — with the payload exactly as the core produced it. The output binding takes
/// both kinds in one array and runs its items in order.
/// </summary>
public static class SignalROutputs
{
    public static object[] From(IReadOnlyList<GroupChange> groups, IReadOnlyList<RealtimeEvent> events) =>
        [.. groups.Select(Group), .. events.Select(Message)];

    public static object[] From(IReadOnlyList<RealtimeEvent> events) => From([], events);

    public static object[] From(SignalRActions actions) => From(actions.Groups, actions.Events);

    /// <summary>A connection's change names the connection (the binding applies a connection id before a user id), else the user's.</summary>
    private static SignalRGroupAction Group(GroupChange change) =>
        new(change.Join ? SignalRGroupActionType.Add : SignalRGroupActionType.Remove)
        {
            GroupName = change.GroupName, UserId = change.ConnectionId is null ? change.UserId : null, ConnectionId = change.ConnectionId,
        };

    private static SignalRMessageAction Message(RealtimeEvent e) =>
        new(e.Target, [e.PayloadJson()]) { GroupName = e.Audience.GroupName, UserId = e.Audience.UserId };
}
