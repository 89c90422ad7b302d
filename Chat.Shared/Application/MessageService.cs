using System.Globalization;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace Chat.Shared.Application;

/// <summary>Send, history, edit and delete.</summary>
public sealed class MessageService(ChatDependencies deps, AttachmentService attachments, Views views, ILogger<MessageService> logger)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// Stores the message with the next sequence in one atomic write, then returns the events. With a
    /// clientMessageId a retry returns the stored message (Created=false) and writes nothing.
    /// Round trips in the common case: read the conversation, write the batch.
    /// </summary>
    public async Task<ChatResult<MessageDto>> SendAsync(ChatUser user, string? conversationId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var draft = Draft(request);
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        return await SendDraftAsync(user, conversation, draft, cancellationToken);
    }

    /// <summary>The multipart form of send: the server stores the one file, then sends a message that carries it.</summary>
    public async Task<ChatResult<MessageDto>> SendWithFileAsync(
        ChatUser user, string? conversationId, SendMessageRequest request, UploadedFile file, CancellationToken cancellationToken)
    {
        var draft = Draft(request with { AttachmentIds = [] }, hasFile: true);
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        if (draft.ClientMessageId is not null
            && await deps.Store.GetMessageAsync(conversation.Id, MessageIdFor(conversation.Id, user, draft), cancellationToken) is { } stored)
        {
            return ChatResult.Quiet(await views.MessageAsync(stored, conversation, user.Id, cancellationToken));
        }

        // Check what the message itself needs before the file is stored, so a refused send leaves nothing behind.
        var kind = AttachmentKinds.FromContentType(AttachmentPolicy.NormalizeContentType(file.ContentType) ?? string.Empty);
        CheckTypeRules(draft.Type ?? AttachmentKinds.DefaultMessageType(kind), draft, attachmentCount: 1);
        AttachmentKinds.EnsureTypeAgrees(draft.Type ?? AttachmentKinds.DefaultMessageType(kind), [kind]);
        await ReplyReferenceAsync(conversation.Id, draft.ReplyToId, cancellationToken);

        var reservation = await attachments.StoreUploadedAsync(user, conversation, file, cancellationToken);
        return await SendDraftAsync(user, conversation, draft with { AttachmentIds = [reservation.Id] }, cancellationToken);
    }

    /// <summary>
    /// A page of history, oldest to newest. <c>before</c> (or nothing: the latest page) pages back in time;
    /// <c>after</c> returns what is newer than the cursor, for catching up after a reconnect.
    /// </summary>
    public async Task<PageDto<MessageDto>> GetHistoryAsync(ChatUser user, string? conversationId, HistoryRequest request, CancellationToken cancellationToken)
    {
        if (request.Before is not null && request.After is not null)
        {
            throw ChatException.Validation(ErrorCodes.ConflictingCursors, "after", "Use either 'before' or 'after', not both.");
        }

        var limit = InputRules.PageSize(request.Limit, _options);
        var before = request.Before is null ? (long?)null : Cursors.ParseSequence(request.Before, "before");
        var after = request.After is null ? (long?)null : Cursors.ParseSequence(request.After, "after");
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);

        var query = after is not null ? new MessageQuery(null, after, limit + 1) : new MessageQuery(before ?? long.MaxValue, null, limit + 1);
        var found = await deps.Store.GetMessagesAsync(conversation.Id, query, cancellationToken);
        var hasMore = found.Count > limit;
        var page = found.Take(limit).OrderBy(m => m.Sequence).ToList();

        var replyTargets = await ReplyTargetsAsync(conversation.Id, page, cancellationToken);
        var items = new List<MessageDto>(page.Count);
        foreach (var message in page)
        {
            items.Add(await views.MessageAsync(Views.WithCurrentReply(message, replyTargets), conversation, user.Id, cancellationToken));
        }

        string? next = after is not null
            ? Cursors.ForSequence(page.Count > 0 ? page[^1].Sequence : after.Value)
            : hasMore ? Cursors.ForSequence(page[0].Sequence) : null;
        return new PageDto<MessageDto>(items, next, hasMore);
    }

    /// <summary>
    /// The messages the page replies to, so previews show their current text (and nothing for deleted ones):
    /// one more read, only for pages with replies to messages outside the page.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Message>> ReplyTargetsAsync(string conversationId, List<Message> page, CancellationToken cancellationToken)
    {
        var targets = page.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var missing = page.Where(m => m.ReplyTo is not null && !targets.ContainsKey(m.ReplyTo.MessageId))
            .Select(m => m.ReplyTo!.MessageId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            foreach (var target in await deps.Store.GetMessagesByIdAsync(conversationId, missing, cancellationToken))
            {
                targets[target.Id] = target;
            }
        }

        return targets;
    }

    /// <summary>
    /// Edit own message's text (and optionally its metadata) within the edit window. An edit that changes nothing
    /// writes nothing and sends nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> EditAsync(
        ChatUser user, string? conversationId, string? messageId, EditMessageRequest request, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        var content = InputRules.Content(request.Content, _options)
            ?? throw ChatException.Validation(ErrorCodes.ContentRequired, "content", "The new content must not be empty.");
        var metadata = request.Metadata is null ? null : InputRules.Metadata(request.Metadata, _options);

        return await ChangeOwnMessageAsync(user, conversationId, id, (message, now) =>
        {
            if (message.IsDeleted)
            {
                throw ChatException.Conflict(ErrorCodes.MessageDeleted, "A deleted message cannot be edited.");
            }

            if (message.Type is MessageType.Location or MessageType.System)
            {
                throw ChatException.Conflict(ErrorCodes.NotEditable, "This type of message cannot be edited.");
            }

            if (now - message.CreatedAt > _options.EditWindow)
            {
                throw ChatException.Conflict(ErrorCodes.EditWindowExpired, "The time to edit this message has passed.");
            }

            if (message.Content == content && (metadata is null || SameMetadata(message.Metadata, metadata)))
            {
                return null;
            }

            return message with { Content = content, Metadata = metadata ?? message.Metadata, EditedAt = now };
        }, EventTargets.MessageUpdated, cancellationToken);
    }

    /// <summary>
    /// Delete own message within the delete window: it stays as a tombstone (no content, no attachments) and its
    /// blobs are removed. Deleting a tombstone again changes nothing and sends nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> DeleteAsync(ChatUser user, string? conversationId, string? messageId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        IReadOnlyList<Attachment> removed = [];
        var result = await ChangeOwnMessageAsync(user, conversationId, id, (message, now) =>
        {
            if (message.IsDeleted)
            {
                return null;
            }

            if (now - message.CreatedAt > _options.DeleteWindow)
            {
                throw ChatException.Conflict(ErrorCodes.DeleteWindowExpired, "The time to delete this message has passed.");
            }

            removed = message.Attachments;
            return message with { Content = null, Attachments = [], Metadata = new Dictionary<string, string>(), DeletedAt = now, ReplyTo = null };
        }, EventTargets.MessageDeleted, cancellationToken);

        foreach (var attachment in removed)
        {
            await DeleteBlobAsync(attachment, cancellationToken);
        }

        return result;
    }

    private async Task<ChatResult<MessageDto>> ChangeOwnMessageAsync(
        ChatUser user, string? conversationId, string messageId,
        Func<Message, DateTimeOffset, Message?> change, string target, CancellationToken cancellationToken)
    {
        var conversation = await deps.LoadConversationAsync(conversationId, user.Id, cancellationToken);
        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries; attempt++)
        {
            var message = await deps.Store.GetMessageAsync(conversation.Id, messageId, cancellationToken)
                ?? throw ChatException.NotFound(ErrorCodes.MessageNotFound, "The message does not exist.");
            if (message.SenderId != user.Id)
            {
                throw ChatException.Forbidden(ErrorCodes.NotSender, "Only the sender can change a message.");
            }

            var now = deps.Clock.GetUtcNow();
            var changed = change(message, now);
            if (changed is null)
            {
                return ChatResult.Quiet(await views.MessageAsync(message, conversation, user.Id, cancellationToken));
            }

            var updatedConversation = conversation.LastMessage?.MessageId == message.Id
                ? conversation with { LastMessage = Views.PreviewOf(changed), Version = conversation.Version + 1 }
                : null;
            if (await deps.Store.TryReplaceMessageAsync(changed, updatedConversation, cancellationToken))
            {
                var dto = await views.MessageAsync(changed, conversation, user.Id, cancellationToken);
                IReadOnlyList<RealtimeEvent> events = target == EventTargets.MessageDeleted
                    ? Views.ToParticipants(conversation, target, new MessageDeletedEvent(conversation.Id, changed.Id, changed.Sequence, changed.DeletedAt!.Value))
                    : await views.MessageEventsAsync(target, changed, conversation, cancellationToken);
                return new ChatResult<MessageDto>(dto, events);
            }

            conversation = await deps.LoadConversationAsync(conversation.Id, user.Id, cancellationToken);
        }

        throw ChatDependencies.ConcurrencyExhausted();
    }

    private async Task<ChatResult<MessageDto>> SendDraftAsync(ChatUser user, Conversation conversation, MessageDraft draft, CancellationToken cancellationToken)
    {
        var messageId = MessageIdFor(conversation.Id, user, draft);
        IReadOnlyList<AttachmentReservation> reservations;
        try
        {
            reservations = await attachments.ClaimForMessageAsync(user, conversation.Id, draft.AttachmentIds, messageId, cancellationToken);
        }
        catch (ChatException) when (draft.ClientMessageId is not null)
        {
            // A retry of a stored send wins even if its attachments changed since (retries win over changed payloads).
            if (await deps.Store.GetMessageAsync(conversation.Id, messageId, cancellationToken) is null)
            {
                throw;
            }

            return await StoredRetryAsync(user, conversation, messageId, cancellationToken);
        }

        if (reservations.Any(r => r.MessageId == messageId))
        {
            return await StoredRetryAsync(user, conversation, messageId, cancellationToken);
        }

        var type = draft.Type ?? AttachmentKinds.DefaultMessageType(reservations.Select(r => r.Kind));
        CheckTypeRules(type, draft, reservations.Count);
        AttachmentKinds.EnsureTypeAgrees(type, reservations.Select(r => r.Kind));
        var replyTo = await ReplyReferenceAsync(conversation.Id, draft.ReplyToId, cancellationToken);
        foreach (var reservation in reservations)
        {
            await deps.Attachments.MarkAttachedAsync(reservation.BlobName, cancellationToken);
        }

        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries; attempt++)
        {
            var now = deps.Clock.GetUtcNow();
            var message = new Message
            {
                Id = messageId,
                ConversationId = conversation.Id,
                Sequence = conversation.LastSequence + 1,
                SenderId = user.Id,
                SenderName = user.DisplayName,
                Type = type,
                Content = draft.Content,
                ReplyTo = replyTo,
                Attachments = reservations.Select(r => r.ToAttachment()).ToList(),
                Metadata = draft.Metadata,
                CreatedAt = now,
                ClientMessageId = draft.ClientMessageId,
            };
            var advanced = Advance(conversation, message, user, now);
            var used = reservations.Select(r => r with { MessageId = messageId }).ToList();

            switch (await deps.Store.TryAppendMessageAsync(advanced, message, used, cancellationToken))
            {
                case AppendOutcome.Appended:
                    var dto = await views.MessageAsync(message, advanced, user.Id, cancellationToken);
                    return new ChatResult<MessageDto>(dto, await views.MessageEventsAsync(EventTargets.MessageCreated, message, advanced, cancellationToken), Created: true);
                case AppendOutcome.MessageExists:
                    return await StoredRetryAsync(user, conversation, messageId, cancellationToken);
                case AppendOutcome.AttachmentChanged:
                    throw ChatException.Conflict(ErrorCodes.AttachmentAlreadyUsed, "An attachment was used by another message meanwhile.");
                default:
                    conversation = await deps.LoadConversationAsync(conversation.Id, user.Id, cancellationToken);
                    break;
            }
        }

        throw ChatDependencies.ConcurrencyExhausted();
    }

    /// <summary>The conversation after a send: next sequence, preview, activity time; the sender has read up to it.</summary>
    private static Conversation Advance(Conversation conversation, Message message, ChatUser user, DateTimeOffset now) =>
        (conversation with
        {
            LastSequence = message.Sequence,
            LastMessage = Views.PreviewOf(message),
            LastActivityAt = now,
            Version = conversation.Version + 1,
        }).WithParticipant(user.Id, p => p with
        {
            DisplayName = user.DisplayName ?? p.DisplayName,
            ReadSequence = message.Sequence,
            ReadAt = now,
            DeliveredSequence = message.Sequence,
            DeliveredAt = now,
        });

    private async Task<ChatResult<MessageDto>> StoredRetryAsync(ChatUser user, Conversation conversation, string messageId, CancellationToken cancellationToken)
    {
        var stored = await deps.Store.GetMessageAsync(conversation.Id, messageId, cancellationToken)
            ?? throw ChatDependencies.ConcurrencyExhausted();
        var current = await deps.Store.GetConversationAsync(conversation.Id, cancellationToken) ?? conversation;
        return ChatResult.Quiet(await views.MessageAsync(stored, current, user.Id, cancellationToken));
    }

    private async Task<ReplyReference?> ReplyReferenceAsync(string conversationId, string? replyToId, CancellationToken cancellationToken)
    {
        if (replyToId is null)
        {
            return null;
        }

        var target = await deps.Store.GetMessageAsync(conversationId, replyToId, cancellationToken);
        if (target is null)
        {
            throw ChatException.Validation(ErrorCodes.ReplyNotFound, "replyToId", "The message replied to does not exist in this conversation.");
        }

        return new ReplyReference(target.Id, target.Sequence, target.SenderId, target.IsDeleted ? null : Views.Shorten(target.Content));
    }

    private string MessageIdFor(string conversationId, ChatUser user, MessageDraft draft) =>
        draft.ClientMessageId is null ? deps.Ids.NewId("m_") : ChatIds.IdempotentMessageId(conversationId, user.Id, draft.ClientMessageId);

    private MessageDraft Draft(SendMessageRequest request, bool hasFile = false)
    {
        var clientMessageId = request.ClientMessageId;
        if (clientMessageId is not null
            && (clientMessageId.Length == 0 || clientMessageId.Length > _options.MaxClientMessageIdLength || InputRules.HasControlCharacters(clientMessageId)))
        {
            throw ChatException.Validation(ErrorCodes.InvalidClientMessageId, "clientMessageId",
                $"clientMessageId is 1 to {_options.MaxClientMessageIdLength} printable characters.");
        }

        var type = request.Type is null ? (MessageType?)null : ParseType(request.Type);
        if (type == MessageType.System)
        {
            throw ChatException.Validation(ErrorCodes.TypeNotAllowed, "type", "Clients cannot send system messages.");
        }

        var attachmentIds = request.AttachmentIds ?? [];
        if (attachmentIds.Count + (hasFile ? 1 : 0) > _options.MaxAttachmentsPerMessage)
        {
            throw ChatException.Validation(ErrorCodes.TooManyAttachments, "attachmentIds", $"A message has at most {_options.MaxAttachmentsPerMessage} attachments.");
        }

        foreach (var attachmentId in attachmentIds)
        {
            InputRules.ResourceId(attachmentId, "attachmentIds");
        }

        if (request.ReplyToId is not null)
        {
            InputRules.ResourceId(request.ReplyToId, "replyToId");
        }

        var content = InputRules.Content(request.Content, _options);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var draft = new MessageDraft(clientMessageId, content, type, request.ReplyToId, attachmentIds.Distinct(StringComparer.Ordinal).ToList(), metadata);
        if (!hasFile)
        {
            CheckTypeRules(type ?? (draft.AttachmentIds.Count > 0 ? MessageType.File : MessageType.Text), draft, draft.AttachmentIds.Count);
        }

        return draft;
    }

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static void CheckTypeRules(MessageType type, MessageDraft draft, int attachmentCount)
    {
        switch (type)
        {
            case MessageType.Text when draft.Content is null:
                throw ChatException.Validation(ErrorCodes.ContentRequired, "content", "A text message needs content.");
            case MessageType.Text when attachmentCount > 0:
                throw ChatException.Validation(ErrorCodes.InvalidMessageType, "type", "A text message carries no attachments; use the attachment's type.");
            case MessageType.Image or MessageType.File or MessageType.Audio or MessageType.Video when attachmentCount == 0:
                throw ChatException.Validation(ErrorCodes.AttachmentRequired, "attachmentIds", $"A {type.ToString().ToLowerInvariant()} message needs an attachment.");
            case MessageType.Location when !IsLocation(draft.Metadata):
                throw ChatException.Validation(ErrorCodes.LocationRequired, "metadata", "A location message needs metadata 'latitude' (-90..90) and 'longitude' (-180..180).");
        }
    }

    private static bool IsLocation(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("latitude", out var lat) && metadata.TryGetValue("longitude", out var lng)
        && double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) && latitude is >= -90 and <= 90
        && double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) && longitude is >= -180 and <= 180;

    private static MessageType ParseType(string type) => type switch
    {
        "text" => MessageType.Text,
        "image" => MessageType.Image,
        "file" => MessageType.File,
        "audio" => MessageType.Audio,
        "video" => MessageType.Video,
        "location" => MessageType.Location,
        "system" => MessageType.System,
        _ => throw ChatException.Validation(ErrorCodes.InvalidMessageType, "type", "type is one of text, image, file, audio, video, location."),
    };

    private async Task DeleteBlobAsync(Attachment attachment, CancellationToken cancellationToken)
    {
        try
        {
            await deps.Attachments.DeleteAsync(attachment.BlobName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not delete the blob of attachment {AttachmentId} of a deleted message", attachment.Id);
        }
    }

    private sealed record MessageDraft(
        string? ClientMessageId,
        string? Content,
        MessageType? Type,
        string? ReplyToId,
        IReadOnlyList<string> AttachmentIds,
        IReadOnlyDictionary<string, string> Metadata);
}
