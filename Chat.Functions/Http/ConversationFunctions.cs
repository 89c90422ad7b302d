using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Create, list and read conversations; the unread badge.</summary>
public sealed class ConversationFunctions(ConversationsApi api)
{
    [Function(nameof(CreateConversation))]
    public async Task<ChatHttpOutput> CreateConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Conversations)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.CreateAsync(request, cancellationToken));

    [Function(nameof(ListConversations))]
    public async Task<ChatHttpOutput> ListConversations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Conversations)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ListAsync(request, cancellationToken));

    [Function(nameof(GetConversation))]
    public async Task<ChatHttpOutput> GetConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Conversation)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetAsync(request, conversationId, cancellationToken));

    [Function(nameof(GetUnread))]
    public async Task<ChatHttpOutput> GetUnread(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Unread)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetUnreadAsync(request, cancellationToken));
}
