using Chat.Shared.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chat.Shared.Http;

/// <summary>
/// The HTTP API as data: every route once, with its method, its template under <c>/api</c> (<see cref="ChatRoutes"/>),
/// the name of the function that serves it in Chat.Functions, and its handler. ASP.NET Core hosts (the test host, the
/// benchmark) map the table with <see cref="MapChatApi"/>; Chat.Functions declares one <c>[HttpTrigger]</c> function
/// per entry (attributes need constants), and a test in Chat.Tests fails when the two differ. A new route is added
/// here and as a function, nowhere else.
/// </summary>
public static class ChatApi
{
    public static IReadOnlyList<ChatApiRoute> Routes { get; } =
    [
        // Realtime
        new("POST", ChatRoutes.Negotiate, "Negotiate", async c =>
            ChatHttpResult.Of(await c.Api<NegotiateApi>().NegotiateAsync(c.Request, c.Negotiate.Invoke, c.Aborted))),

        // Conversations
        new("POST", ChatRoutes.Conversations, "CreateConversation", c => c.Api<ConversationsApi>().CreateAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.Conversations, "ListConversations", c => c.Api<ConversationsApi>().ListAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.Conversation, "GetConversation", c =>
            c.Api<ConversationsApi>().GetAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("GET", ChatRoutes.Unread, "GetUnread", c => c.Api<ConversationsApi>().GetUnreadAsync(c.Request, c.Aborted)),

        // Messages
        new("POST", ChatRoutes.Messages, "SendMessage", c =>
            c.Api<MessagesApi>().SendAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("GET", ChatRoutes.Messages, "GetMessages", c =>
            c.Api<MessagesApi>().GetHistoryAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("PATCH", ChatRoutes.Message, "EditMessage", c =>
            c.Api<MessagesApi>().EditAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("messageId"), c.Aborted)),
        new("DELETE", ChatRoutes.Message, "DeleteMessage", c =>
            c.Api<MessagesApi>().DeleteAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("messageId"), c.Aborted)),

        // Receipts and typing
        new("POST", ChatRoutes.Read, "MarkRead", c =>
            c.Api<ReceiptsApi>().MarkReadAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.Delivered, "MarkDelivered", c =>
            c.Api<ReceiptsApi>().MarkDeliveredAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.ReadAll, "MarkAllRead", c => c.Api<ReceiptsApi>().MarkAllReadAsync(c.Request, c.Aborted)),
        new("POST", ChatRoutes.Typing, "SetTyping", c =>
            c.Api<TypingApi>().SetAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),

        // Attachments
        new("POST", ChatRoutes.Attachments, "ReserveAttachment", c =>
            c.Api<AttachmentsApi>().ReserveAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("GET", ChatRoutes.Attachment, "GetAttachment", c =>
            c.Api<AttachmentsApi>().GetAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("attachmentId"), c.Aborted)),

        // Membership, lifecycle, the caller's own settings
        new("PATCH", ChatRoutes.Conversation, "UpdateConversation", c =>
            c.Api<MembershipApi>().UpdateAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.Participants, "AddParticipants", c =>
            c.Api<MembershipApi>().AddParticipantsAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("PATCH", ChatRoutes.Participant, "ChangeRole", c =>
            c.Api<MembershipApi>().ChangeRoleAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("userId"), c.Aborted)),
        new("DELETE", ChatRoutes.Participant, "RemoveParticipant", c =>
            c.Api<MembershipApi>().RemoveParticipantAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("userId"), c.Aborted)),
        new("POST", ChatRoutes.Close, "CloseConversation", c =>
            c.Api<MembershipApi>().CloseAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.Reopen, "ReopenConversation", c =>
            c.Api<MembershipApi>().ReopenAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("PUT", ChatRoutes.Me, "UpdateMe", c =>
            c.Api<MembershipApi>().UpdateMeAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),

        // Reactions
        new("PUT", ChatRoutes.Reaction, "AddReaction", c =>
            c.Api<MessagesApi>().ReactAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("messageId"), c.RouteValue("reaction"), add: true, c.Aborted)),
        new("DELETE", ChatRoutes.Reaction, "RemoveReaction", c =>
            c.Api<MessagesApi>().ReactAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("messageId"), c.RouteValue("reaction"), add: false, c.Aborted)),

        // Catch-up
        new("GET", ChatRoutes.Sync, "Sync", c => c.Api<SyncApi>().GetSyncAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.Changes, "GetChanges", c =>
            c.Api<SyncApi>().GetChangesAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),

        // Presence
        new("GET", ChatRoutes.Presence, "GetPresence", c => c.Api<PresenceApi>().GetAsync(c.Request, c.Aborted)),

        // Users (profiles as other users see them; the directory)
        new("GET", ChatRoutes.Users, "GetUsers", c => c.Api<UsersApi>().QueryAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.User, "GetUser", c => c.Api<UsersApi>().GetAsync(c.Request, c.RouteValue("userId"), c.Aborted)),

        // Server API: users (profiles, erasure, export)
        new("PUT", ChatRoutes.ServerUser, "ServerUpsertProfile", c =>
            c.Api<ServerUsersApi>().UpsertProfileAsync(c.Request, c.RouteValue("userId"), c.Aborted)),
        new("GET", ChatRoutes.ServerUser, "ServerGetProfile", c =>
            c.Api<ServerUsersApi>().GetProfileAsync(c.Request, c.RouteValue("userId"), c.Aborted)),
        new("DELETE", ChatRoutes.ServerUser, "ServerEraseUser", c =>
            c.Api<ServerUsersApi>().EraseAsync(c.Request, c.RouteValue("userId"), c.Aborted)),
        new("GET", ChatRoutes.ServerUserErasure, "ServerGetErasure", c =>
            c.Api<ServerUsersApi>().GetErasureAsync(c.Request, c.RouteValue("userId"), c.Aborted)),
        new("GET", ChatRoutes.ServerUserExport, "ServerExportUser", c =>
            c.Api<ServerUsersApi>().ExportAsync(c.Request, c.RouteValue("userId"), c.Aborted)),

        // Server API: conversations
        new("POST", ChatRoutes.ServerConversations, "ServerCreateConversation", c => c.Api<ServerConversationsApi>().CreateAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.ServerConversations, "ServerFindConversations", c => c.Api<ServerConversationsApi>().FindAsync(c.Request, c.Aborted)),
        new("GET", ChatRoutes.ServerConversation, "ServerGetConversation", c =>
            c.Api<ServerConversationsApi>().GetAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("PATCH", ChatRoutes.ServerConversation, "ServerUpdateConversation", c =>
            c.Api<ServerConversationsApi>().UpdateAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.ServerMessages, "ServerPostMessage", c =>
            c.Api<ServerConversationsApi>().PostMessageAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("GET", ChatRoutes.ServerMessages, "ServerGetMessages", c =>
            c.Api<ServerConversationsApi>().GetMessagesAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("DELETE", ChatRoutes.ServerMessage, "ServerDeleteMessage", c =>
            c.Api<ServerConversationsApi>().DeleteMessageAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("messageId"), c.Aborted)),
        new("POST", ChatRoutes.ServerParticipants, "ServerAddParticipants", c =>
            c.Api<ServerConversationsApi>().AddParticipantsAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("PATCH", ChatRoutes.ServerParticipant, "ServerChangeRole", c =>
            c.Api<ServerConversationsApi>().ChangeRoleAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("userId"), c.Aborted)),
        new("DELETE", ChatRoutes.ServerParticipant, "ServerRemoveParticipant", c =>
            c.Api<ServerConversationsApi>().RemoveParticipantAsync(c.Request, c.RouteValue("conversationId"), c.RouteValue("userId"), c.Aborted)),
        new("POST", ChatRoutes.ServerClose, "ServerCloseConversation", c =>
            c.Api<ServerConversationsApi>().CloseAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
        new("POST", ChatRoutes.ServerReopen, "ServerReopenConversation", c =>
            c.Api<ServerConversationsApi>().ReopenAsync(c.Request, c.RouteValue("conversationId"), c.Aborted)),
    ];

    /// <summary>
    /// Maps every route of <see cref="Routes"/> under <c>/api</c> for an ASP.NET Core host. After a handler succeeds, its
    /// group changes and then its events go to <paramref name="publisher"/> (as the SignalR output binding sends them in Chat.Functions; a publisher
    /// that throws fails the request after the write, as a failing binding does); <paramref name="negotiate"/> makes the
    /// SignalR connection info for the validated caller. Authentication is the host's (<c>UseChatAuthentication</c>).
    /// </summary>
    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder endpoints, IRealtimePublisher publisher, NegotiateConnection negotiate)
    {
        var api = endpoints.MapGroup("/" + ChatRoutes.Prefix);
        foreach (var route in Routes)
        {
            api.MapMethods(route.Template, [route.Method], async (HttpContext context) =>
            {
                var result = await route.Handler(new ChatRouteCall(context, negotiate));
                if (result.Groups.Count > 0)
                {
                    await publisher.ApplyGroupChangesAsync(result.Groups, context.RequestAborted);
                }

                if (result.Events.Count > 0)
                {
                    await publisher.PublishAsync(result.Events, context.RequestAborted);
                }

                return result.Result;
            }).WithName(route.Name);
        }

        // What no route and method above takes: 404 or 405 as problem details, as the Functions app's catch-all answers.
        api.MapFallback(ChatRoutes.Unmatched, async (HttpContext context) =>
            (await ((UnmatchedRouteApi)(context.RequestServices.GetService(typeof(UnmatchedRouteApi))
                ?? throw new InvalidOperationException("UnmatchedRouteApi is not registered: call AddChatHttp."))).AnswerAsync(context.Request, context.RequestAborted)).Result);
        return api;
    }
}

/// <summary>One HTTP route: method, template under <c>/api</c>, the Chat.Functions function name, and the handler.</summary>
public sealed record ChatApiRoute(string Method, string Template, string Name, Func<ChatRouteCall, Task<ChatHttpResult>> Handler);

/// <summary>Makes the SignalR connection info JSON <c>{ url, accessToken }</c> for a user (the host's SignalR service).</summary>
public delegate Task<BinaryData> NegotiateConnection(string userId, CancellationToken cancellationToken);

/// <summary>What a route handler gets: the request, its route values, the handlers from the host's services.</summary>
public sealed class ChatRouteCall(HttpContext context, NegotiateConnection negotiate)
{
    public HttpRequest Request => context.Request;

    public CancellationToken Aborted => context.RequestAborted;

    public NegotiateConnection Negotiate => negotiate;

    public T Api<T>()
        where T : notnull =>
        (T)(context.RequestServices.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered: call AddChatHttp."));

    public string? RouteValue(string name) => context.Request.RouteValues.TryGetValue(name, out var value) ? value as string : null;
}
