using Chat.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Chat.Functions.Http;

/// <summary>Reserve a direct upload; get a short-lived read URL.</summary>
public sealed class AttachmentFunctions(AttachmentsApi api)
{
    [Function(nameof(ReserveAttachment))]
    public async Task<ChatHttpOutput> ReserveAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChatRoutes.Attachments)] HttpRequest request,
        string conversationId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.ReserveAsync(request, conversationId, cancellationToken));

    [Function(nameof(GetAttachment))]
    public async Task<ChatHttpOutput> GetAttachment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChatRoutes.Attachment)] HttpRequest request,
        string conversationId,
        string attachmentId,
        CancellationToken cancellationToken) =>
        ChatHttpOutput.From(await api.GetAsync(request, conversationId, attachmentId, cancellationToken));
}
