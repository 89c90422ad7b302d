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
    private static readonly IReadOnlyDictionary<string, Message> NoTargets = new Dictionary<string, Message>();
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// Stores the message with the next sequence in one atomic write, then returns the event. With a clientMessageId
    /// a retry returns the stored message (Created=false) and writes nothing. Round trips in the common case: one read
    /// (counters, conversation, the sender's membership, the reply target and the attachments together), one batch.
    /// </summary>
    public async Task<ChatResult<MessageDto>> SendAsync(ChatUser user, string? conversationId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        var draft = Draft(request);
        var id = InputRules.ResourceId(conversationId, "conversationId");
        return await SendDraftAsync(user, id, draft, MessageIdFor(id, user, draft), cancellationToken);
    }

    /// <summary>
    /// The multipart form of send: the server stores the one file, then sends a message that carries it. Everything
    /// the message needs is checked before the file is stored, and a retry of a stored send stores nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> SendWithFileAsync(
        ChatUser user, string? conversationId, SendMessageRequest request, UploadedFile file, CancellationToken cancellationToken)
    {
        var draft = Draft(request with { AttachmentIds = [] }, hasFile: true);
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var messageId = MessageIdFor(id, user, draft);
        var membership = await deps.LoadAsMemberAsync(id, user.Id, Keys(draft, messageId), cancellationToken);
        if (membership.Items.Messages.TryGetValue(messageId, out var stored))
        {
            return await StoredRetryAsync(user, stored, cancellationToken);
        }

        membership.Conversation.EnsureOpen();
        var kind = AttachmentKinds.FromContentType(AttachmentPolicy.NormalizeContentType(file.ContentType) ?? string.Empty);
        CheckTypeRules(draft.Type ?? AttachmentKinds.DefaultMessageType(kind), draft, attachmentCount: 1);
        ReplyTarget(membership.Items, draft.ReplyToId);
        AttachmentKinds.EnsureTypeAgrees(draft.Type ?? AttachmentKinds.DefaultMessageType(kind), [kind]);

        var attachmentId = draft.ClientMessageId is null ? deps.Ids.NewId("a_") : ChatIds.IdempotentAttachmentId(messageId);
        await attachments.StoreUploadedAsync(user, id, attachmentId, file, cancellationToken);
        return await SendDraftAsync(user, id, draft with { AttachmentIds = [attachmentId] }, messageId, cancellationToken);
    }

    /// <summary>
    /// A <c>system</c> message from the app's backend (sender <see cref="ServerActor.Id"/>), also into a closed
    /// conversation (closing stops users, not the app). Idempotent on the client message id: a retry returns the stored
    /// message (Created=false) and writes nothing. One read, one batch.
    /// </summary>
    public async Task<ChatResult<MessageDto>> PostAsServerAsync(string? conversationId, ServerMessageRequest request, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(conversationId, "conversationId");
        var clientMessageId = ClientMessageId(request.ClientMessageId)!;
        var content = InputRules.Content(request.Content, _options)
            ?? throw ChatException.Validation(ErrorCodes.ContentRequired, "content", "A system message needs content.");
        var systemEvent = SystemEvent(request.SystemEvent);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var server = ServerActor.For(_options);
        var messageId = ChatIds.IdempotentMessageId(id, server.Id, clientMessageId);
        return await deps.RetryOnContentionAsync(async () =>
        {
            var loaded = await deps.LoadAsServerAsync(id, new ItemKeys { MessageIds = [messageId] }, cancellationToken);
            if (loaded.Items.Messages.TryGetValue(messageId, out var stored))
            {
                return ChatResult.Quiet(await views.MessageAsync(stored, null, NoTargets, null, null, cancellationToken));
            }

            var now = deps.Clock.GetUtcNow();
            var write = new ConversationWrite(loaded.Conversation);
            var message = new Message
            {
                Id = messageId,
                ConversationId = id,
                Sequence = write.NextSequence(),
                Change = write.NextChange(),
                SenderId = server.Id,
                SenderName = server.DisplayName,
                Type = MessageType.System,
                Content = content,
                SystemEvent = systemEvent,
                Metadata = metadata,
                CreatedAt = now,
                ClientMessageId = clientMessageId,
            };
            write.NewMessages.Add(message);
            write.Conversation = loaded.Conversation with { LastMessage = message.ToPreview(), LastActivityAt = now };
            switch (await deps.Store.TryCommitAsync(write, cancellationToken))
            {
                case CommitOutcome.Committed:
                    var view = await views.MessageAsync(message, null, NoTargets, null, null, cancellationToken);
                    return new ChatResult<MessageDto>(view, [RealtimeEvent.ToConversation(EventTargets.MessageCreated, id, view)], Created: true);
                case CommitOutcome.MessageExists:
                    var retried = await deps.Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [messageId] }, cancellationToken);
                    return retried.Messages.TryGetValue(messageId, out var winner)
                        ? ChatResult.Quiet(await views.MessageAsync(winner, null, NoTargets, null, null, cancellationToken))
                        : null;
                default:
                    return null;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// A page of history, oldest to newest. <c>before</c> (or nothing: the latest page) pages back in time;
    /// <c>after</c> returns what is newer than the cursor.
    /// </summary>
    public async Task<PageDto<MessageDto>> GetHistoryAsync(ChatUser user, string? conversationId, HistoryRequest request, CancellationToken cancellationToken)
    {
        var (before, after, limit) = HistoryQuery(request);
        var snapshot = await deps.LoadStateAsMemberAsync(conversationId, user.Id, cancellationToken);
        return await HistoryPageAsync(snapshot.State, user.Id, before, after, limit, cancellationToken);
    }

    /// <summary>A page of history as the server sees it (back office, moderation): no <c>status</c>, no own reactions.</summary>
    public async Task<PageDto<MessageDto>> GetHistoryAsServerAsync(string? conversationId, HistoryRequest request, CancellationToken cancellationToken)
    {
        var (before, after, limit) = HistoryQuery(request);
        var snapshot = await deps.LoadStateAsServerAsync(conversationId, cancellationToken);
        return await HistoryPageAsync(snapshot.State, null, before, after, limit, cancellationToken);
    }

    private (long? Before, long? After, int Limit) HistoryQuery(HistoryRequest request)
    {
        if (request.Before is not null && request.After is not null)
        {
            throw ChatException.Validation(ErrorCodes.ConflictingCursors, "after", "Use either 'before' or 'after', not both.");
        }

        var limit = InputRules.PageSize(request.Limit, _options);
        var before = request.Before is null ? (long?)null : Cursors.ParseSequence(request.Before, "before");
        var after = request.After is null ? (long?)null : Cursors.ParseSequence(request.After, "after");
        return (before, after, limit);
    }

    private async Task<PageDto<MessageDto>> HistoryPageAsync(
        ConversationState state, string? viewerId, long? before, long? after, int limit, CancellationToken cancellationToken)
    {
        var conversationIdValue = state.Conversation.Id;
        var query = after is not null ? new MessageQuery(null, after, limit + 1) : new MessageQuery(before ?? long.MaxValue, null, limit + 1);
        var found = await deps.Store.GetMessagesAsync(conversationIdValue, query, cancellationToken);
        var hasMore = found.Count > limit;
        var page = found.Take(limit).OrderBy(m => m.Sequence).ToList();

        var items = await MessagesAsync(page, viewerId, state, cancellationToken);
        string? next = after is not null
            ? Cursors.ForSequence(page.Count > 0 ? page[^1].Sequence : after.Value)
            : hasMore ? Cursors.ForSequence(page[0].Sequence) : null;
        return new PageDto<MessageDto>(items, next, hasMore);
    }

    /// <summary>
    /// Messages as <paramref name="viewerId"/> sees them (null: the server): reply previews from the targets' current
    /// state (one more read, only for replies to messages outside the list), senders' profiles from the members of
    /// <paramref name="state"/>, and the viewer's own messages with their status.
    /// </summary>
    internal async Task<IReadOnlyList<MessageDto>> MessagesAsync(
        IReadOnlyList<Message> messages, string? viewerId, ConversationState state, CancellationToken cancellationToken)
    {
        var conversationId = state.Conversation.Id;
        var positions = state.Positions();
        var members = state.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        var targets = messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var missing = Views.MissingReplyTargets(messages);
        if (missing.Count > 0)
        {
            var read = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MessageIds = missing }, cancellationToken);
            foreach (var (id, target) in read.Messages)
            {
                targets[id] = target;
            }
        }

        var items = new List<MessageDto>(messages.Count);
        foreach (var message in messages)
        {
            items.Add(await views.MessageAsync(
                message, viewerId, targets, ReceiptPosition.StatusOf(message, positions), members.GetValueOrDefault(message.SenderId), cancellationToken));
        }

        return items;
    }

    /// <summary>
    /// Edit own message's text (and optionally its metadata) within the edit window, in an open conversation. An edit
    /// that changes nothing writes nothing and sends nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> EditAsync(
        ChatUser user, string? conversationId, string? messageId, EditMessageRequest request, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        var content = InputRules.Content(request.Content, _options)
            ?? throw ChatException.Validation(ErrorCodes.ContentRequired, "content", "The new content must not be empty.");
        var metadata = request.Metadata is null ? null : InputRules.Metadata(request.Metadata, _options);

        return await ChangeMessageAsync(user, conversationId, id, (membership, message, now) =>
        {
            message.EnsureSentBy(user.Id);
            membership.Conversation.EnsureOpen();
            return message.Edited(content, metadata, now, _options.EditWindow);
        }, EventTargets.MessageUpdated, cancellationToken);
    }

    /// <summary>
    /// Delete own message within the delete window: it stays as a tombstone and its blobs are removed. Deleting a
    /// tombstone again changes nothing and sends nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> DeleteAsync(ChatUser user, string? conversationId, string? messageId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        IReadOnlyList<Attachment> removed = [];
        var result = await ChangeMessageAsync(user, conversationId, id, (_, message, now) =>
        {
            message.EnsureSentBy(user.Id);
            removed = message.Attachments;
            return message.Deleted(now, _options.DeleteWindow, DeletionActor.Sender);
        }, EventTargets.MessageDeleted, cancellationToken);
        return await AfterDeletionAsync(result, removed, cancellationToken);
    }

    /// <summary>
    /// The server's moderation delete of any message, whoever sent it and however old: a tombstone with
    /// <c>deletedBy: moderator</c>, its blobs deleted. Deleting a tombstone again changes nothing and sends nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> DeleteAsModeratorAsync(string? conversationId, string? messageId, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        IReadOnlyList<Attachment> removed = [];
        var result = await ChangeMessageAsync(
            () => deps.LoadAsServerAsync(conversationId, new ItemKeys { MessageIds = [id] }, cancellationToken), null, id, (_, message, now) =>
            {
                removed = message.Attachments;
                return message.Deleted(now, _options.DeleteWindow, DeletionActor.Moderator);
            }, EventTargets.MessageDeleted, cancellationToken);
        return await AfterDeletionAsync(result, removed, cancellationToken);
    }

    /// <summary>A deletion that changed the message (it has events) deletes the blobs of its attachments.</summary>
    private async Task<ChatResult<MessageDto>> AfterDeletionAsync(ChatResult<MessageDto> result, IReadOnlyList<Attachment> removed, CancellationToken cancellationToken)
    {
        if (result.Events.Count > 0)
        {
            foreach (var attachment in removed)
            {
                await DeleteBlobAsync(attachment, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>
    /// Adds or removes the caller's own reaction to a message of an open conversation (the message changes, so every
    /// member gets <c>messageUpdated</c> and <c>changes</c> returns it). Removing works for any well-formed reaction,
    /// adding only for allowed ones. Adding one already there, or removing one that is not, changes nothing.
    /// </summary>
    public async Task<ChatResult<MessageDto>> ReactAsync(
        ChatUser user, string? conversationId, string? messageId, string? reaction, bool add, CancellationToken cancellationToken)
    {
        var id = InputRules.ResourceId(messageId, "messageId");
        var value = add ? InputRules.Reaction(reaction, _options) : InputRules.Reaction(reaction, new ChatOptions { AllowedReactions = string.Empty });
        return await ChangeMessageAsync(user, conversationId, id, (membership, message, _) =>
        {
            membership.Conversation.EnsureOpen();
            return Reactions.Apply(message, user.Id, value, add, _options.MaxReactionsPerMessage);
        }, EventTargets.MessageUpdated, cancellationToken);
    }

    /// <summary>
    /// Reads the caller's membership and the message, asks <paramref name="change"/> for the new state (null: nothing
    /// to change) and writes it with the next change position, retrying lost races.
    /// </summary>
    internal Task<ChatResult<MessageDto>> ChangeMessageAsync(
        ChatUser user, string? conversationId, string messageId,
        Func<Membership, Message, DateTimeOffset, Message?> change, string target, CancellationToken cancellationToken) =>
        ChangeMessageAsync(
            () => deps.LoadAsMemberAsync(conversationId, user.Id, new ItemKeys { MessageIds = [messageId] }, cancellationToken),
            user.Id, messageId, change, target, cancellationToken);

    /// <summary>
    /// As above, for a viewer loaded by <paramref name="load"/> (a member, or the server with a null
    /// <paramref name="viewerId"/>).
    /// </summary>
    private async Task<ChatResult<MessageDto>> ChangeMessageAsync(
        Func<Task<Membership>> load, string? viewerId, string messageId,
        Func<Membership, Message, DateTimeOffset, Message?> change, string target, CancellationToken cancellationToken) =>
        await deps.RetryOnContentionAsync(async () =>
        {
            var membership = await load();
            var message = membership.Items.Messages.GetValueOrDefault(messageId)
                ?? throw ChatException.NotFound(ErrorCodes.MessageNotFound, "The message does not exist.");
            var changed = change(membership, message, deps.Clock.GetUtcNow());
            if (changed is null)
            {
                return ChatResult.Quiet(await ViewAsync(message, viewerId, await ContextAsync(message, viewerId, cancellationToken), cancellationToken));
            }

            var write = new ConversationWrite(membership.Conversation);
            changed = changed.At(write.NextChange(), message);
            write.ChangedMessages.Add(changed);
            if (membership.Conversation.LastMessage?.MessageId == message.Id)
            {
                write.Conversation = membership.Conversation with { LastMessage = changed.ToPreview() };
            }

            if (await deps.Store.TryCommitAsync(write, cancellationToken) != CommitOutcome.Committed)
            {
                return null;
            }

            var context = await ContextAsync(changed, viewerId, cancellationToken);
            return new ChatResult<MessageDto>(await ViewAsync(changed, viewerId, context, cancellationToken), [await EventAsync(target, changed, context, cancellationToken)]);
        }, cancellationToken);

    /// <summary>The event about a changed message, to the conversation's group.</summary>
    private async Task<RealtimeEvent> EventAsync(string target, Message message, MessageContext context, CancellationToken cancellationToken)
    {
        object payload = target == EventTargets.MessageDeleted
            ? new MessageDeletedEvent(message.ConversationId, message.Id, message.Sequence, message.DeletedAt!.Value)
            : await views.MessageAsync(message, null, context.ReplyTargets, null, context.Sender, cancellationToken);
        return RealtimeEvent.ToConversation(target, message.ConversationId, payload);
    }

    /// <summary>One message as <paramref name="viewerId"/> sees it, with its current reply preview and, for its sender, its status.</summary>
    private Task<MessageDto> ViewAsync(Message message, string? viewerId, MessageContext context, CancellationToken cancellationToken) =>
        views.MessageAsync(message, viewerId, context.ReplyTargets, ReceiptPosition.StatusOf(message, context.Positions), context.Sender, cancellationToken);

    /// <summary>
    /// What views of one message need besides the message: its reply target, its sender's member document (the
    /// sender's profile) and, when the viewer is the sender, every member's position (its status). The sender reads the
    /// conversation state (one query) and the reply target (one read, for replies); anyone else one read for both.
    /// </summary>
    private async Task<MessageContext> ContextAsync(Message message, string? viewerId, CancellationToken cancellationToken)
    {
        var replyIds = message.ReplyTo is null ? [] : new[] { message.ReplyTo.MessageId };
        if (message.SenderId == viewerId)
        {
            var state = await deps.Store.GetStateAsync(message.ConversationId, cancellationToken);
            var targets = replyIds.Length == 0
                ? NoTargets
                : (await deps.Store.ReadItemsAsync(message.ConversationId, new ItemKeys { MessageIds = replyIds }, cancellationToken)).Messages;
            return new MessageContext(targets, state?.FindMember(message.SenderId), state?.Positions() ?? []);
        }

        var items = await deps.Store.ReadItemsAsync(
            message.ConversationId, new ItemKeys { MemberIds = ServerActor.Is(message.SenderId) ? [] : [message.SenderId], MessageIds = replyIds }, cancellationToken);
        return new MessageContext(items.Messages, items.Members.GetValueOrDefault(message.SenderId), []);
    }

    private sealed record MessageContext(IReadOnlyDictionary<string, Message> ReplyTargets, Member? Sender, IReadOnlyList<ReceiptPosition> Positions);

    private async Task<ChatResult<MessageDto>> SendDraftAsync(
        ChatUser user, string conversationId, MessageDraft draft, string messageId, CancellationToken cancellationToken)
    {
        var verified = new HashSet<string>(StringComparer.Ordinal);
        return await deps.RetryOnContentionAsync(async () =>
        {
            var membership = await deps.LoadAsMemberAsync(conversationId, user.Id, Keys(draft, messageId), cancellationToken);
            if (membership.Items.Messages.TryGetValue(messageId, out var stored))
            {
                return await StoredRetryAsync(user, stored, cancellationToken);
            }

            membership.Conversation.EnsureOpen();
            var reservations = await attachments.ClaimForMessageAsync(
                user, draft.AttachmentIds, membership.Items.Attachments, messageId, verified, cancellationToken);
            var type = draft.Type ?? AttachmentKinds.DefaultMessageType(reservations.Select(r => r.Kind));
            CheckTypeRules(type, draft, reservations.Count);
            AttachmentKinds.EnsureTypeAgrees(type, reservations.Select(r => r.Kind));
            var replyTarget = ReplyTarget(membership.Items, draft.ReplyToId);

            var now = deps.Clock.GetUtcNow();
            var write = new ConversationWrite(membership.Conversation);
            var message = new Message
            {
                Id = messageId,
                ConversationId = conversationId,
                Sequence = write.NextSequence(),
                Change = write.NextChange(),
                SenderId = user.Id,
                SenderName = user.DisplayName ?? membership.Member.DisplayName,
                Type = type,
                Content = draft.Content,
                ReplyTo = replyTarget is null ? null : new ReplyReference(replyTarget.Id, replyTarget.Sequence, replyTarget.SenderId),
                Attachments = reservations.Select(r => r.ToAttachment()).ToList(),
                Metadata = draft.Metadata,
                CreatedAt = now,
                ClientMessageId = draft.ClientMessageId,
            };
            write.NewMessages.Add(message);
            write.Conversation = membership.Conversation with { LastMessage = message.ToPreview(), LastActivityAt = now };
            write.SenderRead = new SenderRead(user.Id, message.Sequence, now, user.DisplayName);
            write.Reservations.AddRange(reservations.Select(r => r with { MessageId = messageId }));

            switch (await deps.Store.TryCommitAsync(write, cancellationToken))
            {
                case CommitOutcome.Committed:
                    await MarkAttachedAsync(message, cancellationToken);
                    var targets = replyTarget is null ? NoTargets : new Dictionary<string, Message> { [replyTarget.Id] = replyTarget };
                    var sender = membership.Member with { DisplayName = user.DisplayName ?? membership.Member.DisplayName };
                    var dto = await views.MessageAsync(message, user.Id, targets, MessageStatus.Sent, sender, cancellationToken);
                    var groupView = await views.MessageAsync(message, null, targets, null, sender, cancellationToken);
                    return new ChatResult<MessageDto>(dto, [RealtimeEvent.ToConversation(EventTargets.MessageCreated, conversationId, groupView)], Created: true);
                case CommitOutcome.MessageExists:
                    var retried = await deps.Store.ReadItemsAsync(conversationId, new ItemKeys { MessageIds = [messageId] }, cancellationToken);
                    return retried.Messages.TryGetValue(messageId, out var winner) ? await StoredRetryAsync(user, winner, cancellationToken) : null;
                case CommitOutcome.AttachmentChanged:
                    throw ChatException.Conflict(ErrorCodes.AttachmentAlreadyUsed, "An attachment was used by another message meanwhile.");
                default:
                    return null;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// A retry of a stored send: the stored message as it is now, nothing written. Its own attachments are marked as
    /// attached again (a no-op when they are), in case the first attempt failed between its write and the tagging.
    /// </summary>
    private async Task<ChatResult<MessageDto>> StoredRetryAsync(ChatUser user, Message stored, CancellationToken cancellationToken)
    {
        await MarkAttachedAsync(stored, cancellationToken);
        return ChatResult.Quiet(await ViewAsync(stored, user.Id, await ContextAsync(stored, user.Id, cancellationToken), cancellationToken));
    }

    /// <summary>Tags the blobs of a stored message as attached, so the pending-upload cleanup keeps them. Only after its write won.</summary>
    private async Task MarkAttachedAsync(Message message, CancellationToken cancellationToken)
    {
        foreach (var attachment in message.Attachments)
        {
            await deps.Attachments.MarkAttachedAsync(attachment.BlobName, cancellationToken);
        }
    }

    private static Message? ReplyTarget(ConversationItems items, string? replyToId) =>
        replyToId is null
            ? null
            : items.Messages.GetValueOrDefault(replyToId)
                ?? throw ChatException.Validation(ErrorCodes.ReplyNotFound, "replyToId", "The message replied to does not exist in this conversation.");

    /// <summary>The documents a send reads besides the membership: the stored message of a retry, the reply target, the attachments.</summary>
    private static ItemKeys Keys(MessageDraft draft, string messageId) => new()
    {
        MessageIds = [.. draft.ClientMessageId is null ? [] : new[] { messageId }, .. draft.ReplyToId is null ? [] : new[] { draft.ReplyToId }],
        AttachmentIds = draft.AttachmentIds,
    };

    private string MessageIdFor(string conversationId, ChatUser user, MessageDraft draft) =>
        draft.ClientMessageId is null ? deps.Ids.NewId("m_") : ChatIds.IdempotentMessageId(conversationId, user.Id, draft.ClientMessageId);

    private string? ClientMessageId(string? clientMessageId) =>
        clientMessageId is not null
        && (clientMessageId.Length == 0 || clientMessageId.Length > _options.MaxClientMessageIdLength || InputRules.HasControlCharacters(clientMessageId))
            ? throw ChatException.Validation(ErrorCodes.InvalidClientMessageId, "clientMessageId",
                $"clientMessageId is 1 to {_options.MaxClientMessageIdLength} printable characters.")
            : clientMessageId;

    /// <summary>The app's own event name of a server message: 1 to 64 of <c>A-Z a-z 0-9 . _ : -</c>, starting with a letter or digit.</summary>
    private static string? SystemEvent(string? systemEvent) =>
        systemEvent is null || (systemEvent.Length is > 0 and <= 64 && char.IsAsciiLetterOrDigit(systemEvent[0])
            && systemEvent.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            ? systemEvent
            : throw ChatException.Validation(ErrorCodes.InvalidSystemEvent, "systemEvent",
                "systemEvent is 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    private MessageDraft Draft(SendMessageRequest request, bool hasFile = false)
    {
        var clientMessageId = ClientMessageId(request.ClientMessageId);

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
