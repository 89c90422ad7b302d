using System.Text.Json;
using Chat.Shared.Contracts;

namespace Chat.Shared.Realtime;

/// <summary>
/// One realtime message for one user (every device of that user receives it). The host publishes each as a
/// SignalR output to <see cref="ChatHub.Name"/> with <see cref="Target"/> and <see cref="Payload"/> as the single argument.
/// </summary>
public sealed record RealtimeEvent(string Target, string UserId, object Payload)
{
    /// <summary>
    /// The payload already in the API's JSON shape (camelCase, enums as strings), so whichever serializer the
    /// SignalR output binding or the service SDK uses writes it unchanged.
    /// </summary>
    public JsonElement PayloadJson() => JsonSerializer.SerializeToElement(Payload, Payload.GetType(), ChatJson.Options);
}

public static class ChatHub
{
    /// <summary>The SignalR hub every client connects to.</summary>
    public const string Name = "chat";
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
}
