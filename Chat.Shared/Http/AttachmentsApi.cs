using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chat.Shared.Http;

/// <summary>
/// POST <see cref="ChatRoutes.Attachments"/> (reserve an upload: 201 with the upload URL) ·
/// GET <see cref="ChatRoutes.Attachment"/> (a short-lived read URL as JSON, or 302 to it with <c>?redirect=true</c>).
/// </summary>
public sealed class AttachmentsApi(AttachmentService attachments, ChatHttpPipeline pipeline)
{
    public Task<ChatHttpResult> ReserveAsync(HttpRequest request, string? conversationId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "ReserveAttachment", conversationId, async caller =>
        {
            QueryParameters.RejectDuplicates(request);
            var body = await JsonBody.ReadAsync<ReserveAttachmentRequest>(request, cancellationToken);
            var upload = await attachments.ReserveAsync(caller, conversationId, body, cancellationToken);
            var created = new ChatResult<AttachmentUploadDto>(upload, [], Created: true);
            return ChatHttpResult.From(created, ChatRoutes.AttachmentPath(conversationId!, upload.AttachmentId));
        });

    public Task<ChatHttpResult> GetAsync(HttpRequest request, string? conversationId, string? attachmentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, "GetAttachment", conversationId, async caller =>
        {
            var redirect = QueryParameters.Flag(request, "redirect");
            var download = await attachments.GetDownloadAsync(caller, conversationId, attachmentId, cancellationToken);
            return redirect
                ? ChatHttpResult.Of(TypedResults.Redirect(download.Url.AbsoluteUri))
                : ChatHttpResult.Ok(download);
        });
}
