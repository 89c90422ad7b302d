using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Read and delivery receipts, typing indicators.</summary>
public sealed class ReceiptFunctions(ReceiptsApi receipts, TypingApi typing)
{
    [Function(nameof(MarkRead))]
    public async Task<ChatHttpOutput> MarkRead(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Read)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await receipts.MarkReadAsync(request, conversationId, cancellationToken));

    [Function(nameof(MarkAllRead))]
    public async Task<ChatHttpOutput> MarkAllRead(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.ReadAll)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await receipts.MarkAllReadAsync(request, cancellationToken));

    [Function(nameof(MarkDelivered))]
    public async Task<ChatHttpOutput> MarkDelivered(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Delivered)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await receipts.MarkDeliveredAsync(request, conversationId, cancellationToken));

    [Function(nameof(SetTyping))]
    public async Task<ChatHttpOutput> SetTyping(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Typing)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await typing.SetAsync(request, conversationId, cancellationToken));
}
