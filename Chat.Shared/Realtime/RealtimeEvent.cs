using System.Text.Json;
using Chat.Shared.Contracts;

namespace Chat.Shared.Realtime;

/// <summary>
/// Who receives an event: every connection of one user, or everyone in a conversation's SignalR group (one SignalR
/// message whatever the conversation's size). Exactly one of the two is set.
/// </summary>
public sealed record EventAudience
{
    private EventAudience(string? userId, string? conversationId)
    {
        UserId = userId;
        ConversationId = conversationId;
    }

    public string? UserId { get; }

    public string? ConversationId { get; }

    public static EventAudience User(string userId) => new(userId, null);

    public static EventAudience Conversation(string conversationId) => new(null, conversationId);

    /// <summary>The SignalR group of the conversation, or null for a user audience.</summary>
    public string? GroupName => ConversationId is null ? null : ChatHub.GroupName(ConversationId);
}

/// <summary>
/// One realtime message: the host publishes it as one SignalR output to <see cref="ChatHub.Name"/> with
/// <see cref="Target"/> and <see cref="Payload"/> as the single argument, to a user or a conversation's group.
/// </summary>
public sealed record RealtimeEvent(string Target, EventAudience Audience, object Payload)
{
    public static RealtimeEvent ToConversation(string target, string conversationId, object payload) =>
        new(target, EventAudience.Conversation(conversationId), payload);

    public static RealtimeEvent ToUser(string target, string userId, object payload) => new(target, EventAudience.User(userId), payload);

    /// <summary>
    /// The payload already in the API's JSON shape (camelCase, enums as strings), so whichever serializer the
    /// SignalR output binding or the service SDK uses writes it unchanged.
    /// </summary>
    public JsonElement PayloadJson() => JsonSerializer.SerializeToElement(Payload, Payload.GetType(), ChatJson.Options);
}

/// <summary>
/// A change of a user's membership in a conversation's SignalR group. Without <see cref="ConnectionId"/> it is the
/// user's: the service applies it to every connection of that user, including later ones (for at most a year, and for
/// the 100 groups the user joined last). With a <see cref="ConnectionId"/> it is that connection's only: the
/// connection trigger joins each new connection to all of its user's conversations, so neither limit loses a live
/// event; removing the user from a group removes their connections too.
/// </summary>
public sealed record GroupChange(string ConversationId, string UserId, bool Join, string? ConnectionId = null)
{
    public string GroupName => ChatHub.GroupName(ConversationId);
}

/// <summary>What one trigger invocation sends to SignalR: group changes first, then messages.</summary>
public sealed record SignalRActions(IReadOnlyList<GroupChange> Groups, IReadOnlyList<RealtimeEvent> Events)
{
    public static readonly SignalRActions None = new([], []);
}

public static class ChatHub
{
    /// <summary>The SignalR hub every client connects to.</summary>
    public const string Name = "chat";

    /// <summary>The SignalR group of a conversation's members.</summary>
    public static string GroupName(string conversationId) => "conversation:" + conversationId;

    /// <summary>The upstream category of connection events (the presence triggers and the upstream settings use it).</summary>
    public const string ConnectionsCategory = "connections";

    /// <summary>A client connection opened (category <see cref="ConnectionsCategory"/>).</summary>
    public const string ConnectedEvent = "connected";

    /// <summary>A client connection closed (category <see cref="ConnectionsCategory"/>).</summary>
    public const string DisconnectedEvent = "disconnected";
}

/// <summary>The client method names of SPEC section 4.</summary>
public static class EventTargets
{
    public const string MessageCreated = "messageCreated";
    public const string MessageUpdated = "messageUpdated";
    public const string MessageDeleted = "messageDeleted";
    public const string MessagesRead = "messagesRead";
    public const string MessagesDelivered = "messagesDelivered";
    public const string Typing = "typing";
    public const string ConversationUpdated = "conversationUpdated";
    public const string ParticipantsChanged = "participantsChanged";
    public const string PresenceChanged = "presenceChanged";
}
