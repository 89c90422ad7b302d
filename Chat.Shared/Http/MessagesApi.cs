using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Chat.Shared.Http;

/// <summary>
/// POST <see cref="ChatRoutes.Messages"/> (send: JSON or multipart with one file; 201, or 200 for a retry) ·
/// GET <see cref="ChatRoutes.Messages"/> (history: limit, before, after) ·
/// PATCH <see cref="ChatRoutes.Message"/> (edit) · DELETE <see cref="ChatRoutes.Message"/> (delete: 200 with the tombstone) ·
/// PUT / DELETE <see cref="ChatRoutes.Reaction"/> (the caller's own reaction: 200 with the message).
/// </summary>
public sealed class MessagesApi(MessageService messages, ChatHttpPipeline pipeline, IOptions<ChatOptions> options)
{
    public Task<ChatHttpResult> SendAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "SendMessage", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            ChatResult<MessageDto> result;
            if (MultipartSendForm.IsMultipart(request.ContentType))
            {
                using var form = await MultipartSendForm.ReadAsync(request, options.Value, cancellationToken);
                result = await messages.SendWithFileAsync(caller, conversationId, form.Request, form.File, cancellationToken);
            }
            else
            {
                var body = await JsonBody.ReadAsync<SendMessageRequest>(request, cancellationToken);
                result = await messages.SendAsync(caller, conversationId, body, cancellationToken);
            }

            return ChatHttpResult.From(result, ChatRoutes.MessagePath(result.Value.ConversationId, result.Value.Id));
        });

    public Task<ChatHttpResult> GetHistoryAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetHistory", conversationId, async caller =>
        {
            var query = new HistoryRequest(QueryParameters.Value(request, "before"), QueryParameters.Value(request, "after"), QueryParameters.Limit(request));
            return ChatHttpResult.Ok(await messages.GetHistoryAsync(caller, conversationId, query, cancellationToken));
        });

    public Task<ChatHttpResult> EditAsync(HttpRequest request, string? conversationId, string? messageId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "EditMessage", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<EditMessageRequest>(request, cancellationToken);
            return ChatHttpResult.From(await messages.EditAsync(caller, conversationId, messageId, body, cancellationToken));
        });

    public Task<ChatHttpResult> DeleteAsync(HttpRequest request, string? conversationId, string? messageId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "DeleteMessage", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await messages.DeleteAsync(caller, conversationId, messageId, cancellationToken));
        });

    public Task<ChatHttpResult> ReactAsync(
        HttpRequest request, string? conversationId, string? messageId, string? reaction, bool add, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, add ? "AddReaction" : "RemoveReaction", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            return ChatHttpResult.From(await messages.ReactAsync(caller, conversationId, messageId, reaction, add, cancellationToken));
        });
}
