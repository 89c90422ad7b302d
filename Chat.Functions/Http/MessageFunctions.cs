using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Send, history, edit, delete, reactions.</summary>
public sealed class MessageFunctions(MessagesApi api)
{
    [Function(nameof(SendMessage))]
    public async Task<ChatHttpOutput> SendMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Messages)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.SendAsync(request, conversationId, cancellationToken));

    [Function(nameof(GetMessages))]
    public async Task<ChatHttpOutput> GetMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Messages)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetHistoryAsync(request, conversationId, cancellationToken));

    [Function(nameof(EditMessage))]
    public async Task<ChatHttpOutput> EditMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ChatRoutes.Message)] HttpRequest request,
        string conversationId,
        string messageId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.EditAsync(request, conversationId, messageId, cancellationToken));

    [Function(nameof(DeleteMessage))]
    public async Task<ChatHttpOutput> DeleteMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.Message)] HttpRequest request,
        string conversationId,
        string messageId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.DeleteAsync(request, conversationId, messageId, cancellationToken));

    [Function(nameof(AddReaction))]
    public async Task<ChatHttpOutput> AddReaction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ChatRoutes.Reaction)] HttpRequest request,
        string conversationId,
        string messageId,
        string reaction,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ReactAsync(request, conversationId, messageId, reaction, add: true, cancellationToken));

    [Function(nameof(RemoveReaction))]
    public async Task<ChatHttpOutput> RemoveReaction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ChatRoutes.Reaction)] HttpRequest request,
        string conversationId,
        string messageId,
        string reaction,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ReactAsync(request, conversationId, messageId, reaction, add: false, cancellationToken));
}
