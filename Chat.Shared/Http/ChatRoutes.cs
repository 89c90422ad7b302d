using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Chat.Shared.Http;

/// <summary>
/// The route templates of the API, without the <c>api/</c> prefix (the Functions host adds its route prefix), as
/// constants because the Functions <c>[HttpTrigger]</c> attributes need constants. Which method and function each
/// template serves is <see cref="ChatApi.Routes"/>, the one route table.
/// </summary>
public static class ChatRoutes
{
    public const string Prefix = "api";

    public const string Negotiate = "negotiate";
    public const string Unread = "unread";
    public const string ReadAll = "read-all";
    public const string Conversations = "conversations";
    public const string Conversation = "conversations/{conversationId}";
    public const string Messages = "conversations/{conversationId}/messages";
    public const string Message = "conversations/{conversationId}/messages/{messageId}";
    public const string Read = "conversations/{conversationId}/read";
    public const string Delivered = "conversations/{conversationId}/delivered";
    public const string Typing = "conversations/{conversationId}/typing";
    public const string Attachments = "conversations/{conversationId}/attachments";
    public const string Attachment = "conversations/{conversationId}/attachments/{attachmentId}";
    public const string Changes = "conversations/{conversationId}/changes";
    public const string Participants = "conversations/{conversationId}/participants";
    public const string Participant = "conversations/{conversationId}/participants/{userId}";
    public const string Close = "conversations/{conversationId}/close";
    public const string Reopen = "conversations/{conversationId}/reopen";
    public const string Me = "conversations/{conversationId}/me";
    public const string Reaction = "conversations/{conversationId}/messages/{messageId}/reactions/{reaction}";
    public const string Sync = "sync";
    public const string Presence = "presence";
    public const string Users = "users";
    public const string User = "users/{userId}";

    // The server API (the app's backend, server principal only).
    public const string ServerUser = "server/users/{userId}";
    public const string ServerUserErasure = "server/users/{userId}/erasure";
    public const string ServerUserExport = "server/users/{userId}/export";
    public const string ServerConversations = "server/conversations";
    public const string ServerConversation = "server/conversations/{conversationId}";
    public const string ServerMessages = "server/conversations/{conversationId}/messages";
    public const string ServerMessage = "server/conversations/{conversationId}/messages/{messageId}";
    public const string ServerParticipants = "server/conversations/{conversationId}/participants";
    public const string ServerParticipant = "server/conversations/{conversationId}/participants/{userId}";
    public const string ServerClose = "server/conversations/{conversationId}/close";
    public const string ServerReopen = "server/conversations/{conversationId}/reopen";

    /// <summary>Every path under the prefix: the route of the function that answers what no other route and method take.</summary>
    public const string Unmatched = "{*path}";

    private static readonly (TemplateMatcher Matcher, string Method)[] Matchers =
        ChatApi.Routes.Select(r => (new TemplateMatcher(TemplateParser.Parse($"{Prefix}/{r.Template}"), new RouteValueDictionary()), r.Method)).ToArray();

    /// <summary>The methods the API answers on <paramref name="path"/> (for example <c>/api/unread</c>); empty when no route has it.</summary>
    public static IReadOnlyList<string> MethodsFor(PathString path) =>
        Matchers.Where(m => m.Matcher.TryMatch(path, [])).Select(m => m.Method).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The path of a conversation (for <c>Location</c> headers). Ids are URL-safe by construction.</summary>
    public static string ConversationPath(string conversationId) => $"/{Prefix}/conversations/{conversationId}";

    public static string MessagePath(string conversationId, string messageId) =>
        $"/{Prefix}/conversations/{conversationId}/messages/{messageId}";

    public static string ServerUserPath(string userId) => $"/{Prefix}/server/users/{Uri.EscapeDataString(userId)}";

    public static string ServerConversationPath(string conversationId) => $"/{Prefix}/server/conversations/{conversationId}";

    public static string ServerMessagePath(string conversationId, string messageId) =>
        $"/{Prefix}/server/conversations/{conversationId}/messages/{messageId}";

    public static string AttachmentPath(string conversationId, string attachmentId) =>
        $"/{Prefix}/conversations/{conversationId}/attachments/{attachmentId}";
}
