using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Chat.Shared.Http;

/// <summary>
/// Every HTTP route of the API, without the <c>api/</c> prefix (the Functions host adds its route prefix).
/// The Functions triggers and the test host both use these, so the two can never drift.
/// </summary>
public static class ChatRoutes
{
    public const string Prefix = "api";

    public const string Negotiate = "negotiate";
    public const string Unread = "unread";
    public const string Conversations = "conversations";
    public const string Conversation = "conversations/{conversationId}";
    public const string Messages = "conversations/{conversationId}/messages";
    public const string Message = "conversations/{conversationId}/messages/{messageId}";
    public const string Read = "conversations/{conversationId}/read";
    public const string Delivered = "conversations/{conversationId}/delivered";
    public const string Typing = "conversations/{conversationId}/typing";
    public const string Attachments = "conversations/{conversationId}/attachments";
    public const string Attachment = "conversations/{conversationId}/attachments/{attachmentId}";

    /// <summary>Every path under the prefix: the route of the function that answers what no other route and method take.</summary>
    public const string Unmatched = "{*path}";

    /// <summary>Every route with its method: what the hosts map, and what tells an unknown route (404) from a wrong method (405).</summary>
    public static IReadOnlyList<ChatRoute> All { get; } =
    [
        new(HttpMethods.Post, Negotiate),
        new(HttpMethods.Get, Unread),
        new(HttpMethods.Post, Conversations),
        new(HttpMethods.Get, Conversations),
        new(HttpMethods.Get, Conversation),
        new(HttpMethods.Post, Messages),
        new(HttpMethods.Get, Messages),
        new(HttpMethods.Patch, Message),
        new(HttpMethods.Delete, Message),
        new(HttpMethods.Post, Read),
        new(HttpMethods.Post, Delivered),
        new(HttpMethods.Post, Typing),
        new(HttpMethods.Post, Attachments),
        new(HttpMethods.Get, Attachment),
    ];

    private static readonly (TemplateMatcher Matcher, string Method)[] Matchers =
        All.Select(r => (new TemplateMatcher(TemplateParser.Parse($"{Prefix}/{r.Template}"), new RouteValueDictionary()), r.Method)).ToArray();

    /// <summary>The methods the API answers on <paramref name="path"/> (for example <c>/api/unread</c>); empty when no route has it.</summary>
    public static IReadOnlyList<string> MethodsFor(PathString path) =>
        Matchers.Where(m => m.Matcher.TryMatch(path, [])).Select(m => m.Method).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The path of a conversation (for <c>Location</c> headers). Ids are URL-safe by construction.</summary>
    public static string ConversationPath(string conversationId) => $"/{Prefix}/conversations/{conversationId}";

    public static string MessagePath(string conversationId, string messageId) =>
        $"/{Prefix}/conversations/{conversationId}/messages/{messageId}";

    public static string AttachmentPath(string conversationId, string attachmentId) =>
        $"/{Prefix}/conversations/{conversationId}/attachments/{attachmentId}";
}

/// <summary>One route of the API: an HTTP method and a template without the prefix.</summary>
public sealed record ChatRoute(string Method, string Template);
