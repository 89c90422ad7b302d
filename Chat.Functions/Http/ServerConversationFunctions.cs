using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>The server API's conversations (server principal only): keyed create, find, read, system messages, moderation, membership, lifecycle.</summary>
public sealed class ServerConversationFunctions(ServerConversationsApi api)
{
    [Function(nameof(ServerCreateConversation))]
    public async Task<ChatHttpOutput> ServerCreateConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ServerConversations)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.CreateAsync(request, cancellationToken));

    [Function(nameof(ServerFindConversations))]
    public async Task<ChatHttpOutput> ServerFindConversations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerConversations)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.FindAsync(request, cancellationToken));

    [Function(nameof(ServerGetConversation))]
    public async Task<ChatHttpOutput> ServerGetConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerConversation)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerUpdateConversation))]
    public async Task<ChatHttpOutput> ServerUpdateConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ChatRoutes.ServerConversation)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.UpdateAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerPostMessage))]
    public async Task<ChatHttpOutput> ServerPostMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ServerMessages)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.PostMessageAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerGetMessages))]
    public async Task<ChatHttpOutput> ServerGetMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.ServerMessages)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetMessagesAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerDeleteMessage))]
    public async Task<ChatHttpOutput> ServerDeleteMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.ServerMessage)] HttpRequest request,
        string conversationId,
        string messageId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.DeleteMessageAsync(request, conversationId, messageId, cancellationToken));

    [Function(nameof(ServerAddParticipants))]
    public async Task<ChatHttpOutput> ServerAddParticipants(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ServerParticipants)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.AddParticipantsAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerChangeRole))]
    public async Task<ChatHttpOutput> ServerChangeRole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ChatRoutes.ServerParticipant)] HttpRequest request,
        string conversationId,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ChangeRoleAsync(request, conversationId, userId, cancellationToken));

    [Function(nameof(ServerRemoveParticipant))]
    public async Task<ChatHttpOutput> ServerRemoveParticipant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.ServerParticipant)] HttpRequest request,
        string conversationId,
        string userId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.RemoveParticipantAsync(request, conversationId, userId, cancellationToken));

    [Function(nameof(ServerCloseConversation))]
    public async Task<ChatHttpOutput> ServerCloseConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ServerClose)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.CloseAsync(request, conversationId, cancellationToken));

    [Function(nameof(ServerReopenConversation))]
    public async Task<ChatHttpOutput> ServerReopenConversation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ServerReopen)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ReopenAsync(request, conversationId, cancellationToken));
}
