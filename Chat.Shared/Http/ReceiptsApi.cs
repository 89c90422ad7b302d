using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// POST <see cref="ChatRoutes.Read"/> (<c>{ messageId? }</c>, body optional: default the latest) ·
/// POST <see cref="ChatRoutes.Delivered"/> (<c>{ messageId }</c>). Both answer 200 with the caller's positions. ·
/// POST <see cref="ChatRoutes.ReadAll"/> (mark every unread conversation read).
/// </summary>
public sealed class ReceiptsApi(ReceiptService receipts, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> MarkReadAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "MarkRead", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadOptionalAsync<MarkPositionRequest>(request, cancellationToken) ?? new MarkPositionRequest();
            return ChatHttpResult.From(await receipts.MarkReadAsync(caller, conversationId, body, cancellationToken));
        });

    /// <summary>POST <see cref="ChatRoutes.ReadAll"/>: no body (one is ignored); 200 with the positions it moved.</summary>
    public Task<ChatHttpResult> MarkAllReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "MarkAllRead", null, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await receipts.MarkAllReadAsync(caller, cancellationToken));
        });

    public Task<ChatHttpResult> MarkDeliveredAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "MarkDelivered", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<MarkPositionRequest>(request, cancellationToken);
            return ChatHttpResult.From(await receipts.MarkDeliveredAsync(caller, conversationId, body, cancellationToken));
        });
}
