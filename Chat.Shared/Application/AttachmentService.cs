using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>Reserve uploads (client uploads straight to storage), accept server-received files, hand out read URLs.</summary>
public sealed class AttachmentService(ChatDependencies deps)
{
    private readonly ChatOptions _options = deps.Options;

    public async Task<AttachmentUploadDto> ReserveAsync(ChatUser user, string? conversationId, ReserveAttachmentRequest request, CancellationToken cancellationToken)
    {
        var (fileName, contentType) = FileDescription(request.FileName, request.ContentType);
        var size = Size(request.SizeBytes, _options.MaxUploadBytes);
        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, null, cancellationToken);
        membership.Conversation.EnsureOpen();

        var reservation = NewReservation(user, membership.Conversation.Id, deps.Ids.NewId("a_"), fileName, contentType, size, deps.Clock.GetUtcNow());
        var ticket = await deps.Attachments.CreateUploadAsync(reservation.BlobName, contentType, size, reservation.UploadExpiresAt, cancellationToken);
        await deps.Store.TryCreateAttachmentAsync(reservation, cancellationToken);
        return new AttachmentUploadDto(reservation.Id, ticket.Url, ticket.Method, ticket.RequiredHeaders, reservation.UploadExpiresAt);
    }

    /// <summary>
    /// Stores a file the server received (multipart send) under <paramref name="attachmentId"/> and reserves it for the
    /// uploader. Both writes are create-only: a concurrent retry of the same send (same id) finds the blob and the
    /// reservation already there and uses them, so retries store one file between them.
    /// </summary>
    public async Task StoreUploadedAsync(ChatUser user, string conversationId, string attachmentId, UploadedFile file, CancellationToken cancellationToken)
    {
        var (fileName, contentType) = FileDescription(file.FileName, file.ContentType);
        var size = Size(file.SizeBytes, _options.MaxMultipartBytes);
        var reservation = NewReservation(user, conversationId, attachmentId, fileName, contentType, size, deps.Clock.GetUtcNow());
        await deps.Attachments.UploadAsync(reservation.BlobName, contentType, file.Content, cancellationToken);
        await deps.Store.TryCreateAttachmentAsync(reservation, cancellationToken);
    }

    /// <summary>A short-lived read URL for a member. Uploads not yet sent are visible to their uploader only.</summary>
    public async Task<AttachmentDownloadDto> GetDownloadAsync(ChatUser user, string? conversationId, string? attachmentId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(attachmentId, "attachmentId");
        var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, new ItemKeys { AttachmentIds = [id] }, cancellationToken);
        var reservation = membership.Items.Attachments.GetValueOrDefault(id);
        if (reservation is null || (reservation.MessageId is null && reservation.UploaderId != user.Id)
            || (reservation.MessageId is not null && await IsDeletedAsync(membership.Conversation.Id, reservation.MessageId, cancellationToken)))
        {
            throw ChatException.NotFound(ErrorCodes.AttachmentNotFound, "The attachment does not exist.");
        }

        var expiresAt = deps.Clock.GetUtcNow() + _options.ReadUrlLifetime;
        var url = await deps.Attachments.GetReadUrlAsync(reservation.BlobName, reservation.FileName, reservation.ContentType, expiresAt, cancellationToken);
        return new AttachmentDownloadDto(reservation.Id, reservation.FileName, reservation.ContentType, reservation.SizeBytes, url, expiresAt);
    }

    /// <summary>
    /// Checks the reservations a send names, as read with the send's other documents: each exists in this
    /// conversation, the sender uploaded it, no other message uses it, and (once per send, not per retry) the stored
    /// blob matches what was reserved.
    /// </summary>
    internal async Task<IReadOnlyList<AttachmentReservation>> ClaimForMessageAsync(
        ChatUser user, IReadOnlyList<string> attachmentIds, IReadOnlyDictionary<string, AttachmentReservation> found,
        string messageId, ISet<string> verified, CancellationToken cancellationToken)
    {
        var result = new List<AttachmentReservation>(attachmentIds.Count);
        foreach (var id in attachmentIds)
        {
            if (!found.TryGetValue(id, out var reservation) || reservation.UploaderId != user.Id)
            {
                throw ChatException.Validation(ErrorCodes.AttachmentNotFound, "attachmentIds", $"Attachment '{id}' does not exist.");
            }

            if (reservation.MessageId is not null && reservation.MessageId != messageId)
            {
                throw ChatException.Conflict(ErrorCodes.AttachmentAlreadyUsed, $"Attachment '{id}' belongs to another message.");
            }

            if (verified.Add(id))
            {
                await VerifyUploadAsync(reservation, cancellationToken);
            }

            result.Add(reservation);
        }

        return result;
    }

    private async Task VerifyUploadAsync(AttachmentReservation reservation, CancellationToken cancellationToken)
    {
        var blob = await deps.Attachments.GetAsync(reservation.BlobName, cancellationToken);
        if (blob is null)
        {
            var code = deps.Clock.GetUtcNow() > reservation.UploadExpiresAt ? ErrorCodes.AttachmentExpired : ErrorCodes.AttachmentNotUploaded;
            throw ChatException.Validation(code, "attachmentIds", $"Attachment '{reservation.Id}' has not been uploaded.");
        }

        if (blob.SizeBytes != reservation.SizeBytes
            || !string.Equals(AttachmentPolicy.NormalizeContentType(blob.ContentType), reservation.ContentType, StringComparison.Ordinal))
        {
            throw ChatException.Validation(ErrorCodes.AttachmentSizeMismatch, "attachmentIds",
                $"Attachment '{reservation.Id}' does not match the size and content type it was reserved with.");
        }
    }

    private async Task<bool> IsDeletedAsync(string conversationId, string messageId, CancellationToken cancellationToken)
    {
        var items = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MessageIds = [messageId] }, cancellationToken);
        return items.Messages.GetValueOrDefault(messageId) is not { IsDeleted: false };
    }

    private AttachmentReservation NewReservation(
        ChatUser user, string conversationId, string id, string fileName, string contentType, long size, DateTimeOffset now) => new()
        {
            Id = id,
            ConversationId = conversationId,
            UploaderId = user.Id,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = size,
            BlobName = AttachmentPolicy.BlobName(conversationId, id),
            CreatedAt = now,
            UploadExpiresAt = now + _options.UploadUrlLifetime,
        };

    private (string FileName, string ContentType) FileDescription(string? fileName, string? contentType)
    {
        var name = AttachmentPolicy.SanitizeFileName(fileName, _options.MaxFileNameLength)
            ?? throw ChatException.Validation(ErrorCodes.InvalidFileName, "fileName", "A file name is required.");
        var type = AttachmentPolicy.NormalizeContentType(contentType);
        if (type is null || !_options.IsAllowedContentType(type))
        {
            throw ChatException.Validation(ErrorCodes.ContentTypeNotAllowed, "contentType", "This content type is not allowed for attachments.");
        }

        return (name, type);
    }

    private static long Size(long? sizeBytes, long max) => sizeBytes switch
    {
        null or <= 0 => throw ChatException.Validation(ErrorCodes.AttachmentEmpty, "sizeBytes", "The file size must be a positive number of bytes."),
        var s when s > max => throw ChatException.TooLarge(ErrorCodes.AttachmentTooLarge, "sizeBytes", $"Attachments are limited to {max} bytes."),
        var s => s.Value,
    };
}
