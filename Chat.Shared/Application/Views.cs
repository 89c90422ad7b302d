using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.Shared.Application;

/// <summary>Maps stored state to what a given viewer sees, and fans events out to participants.</summary>
public sealed class Views(ChatDependencies deps)
{
    public const int PreviewLength = 100;

    public async Task<MessageDto> MessageAsync(Message message, Conversation conversation, string viewerId, CancellationToken cancellationToken)
    {
        var expiresAt = deps.Clock.GetUtcNow() + deps.Options.ReadUrlLifetime;
        var attachments = new List<AttachmentDto>(message.Attachments.Count);
        foreach (var a in message.Attachments)
        {
            var url = await deps.Attachments.GetReadUrlAsync(a.BlobName, a.FileName, a.ContentType, expiresAt, cancellationToken);
            attachments.Add(new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Kind, url, expiresAt));
        }

        return new MessageDto(
            message.Id,
            message.ConversationId,
            message.Sequence,
            new SenderDto(message.SenderId, message.SenderName),
            message.Type,
            message.Content,
            message.ReplyTo is { } r ? new ReplyToDto(r.MessageId, r.Sequence, r.SenderId, r.Preview) : null,
            attachments,
            message.Metadata,
            message.CreatedAt,
            message.EditedAt,
            message.DeletedAt,
            message.ClientMessageId,
            message.SenderId == viewerId ? Status(message, conversation) : null);
    }

    /// <summary>
    /// Sent, delivered or read, from the other participants' positions: read when every other participant read it,
    /// delivered when every other participant received it.
    /// </summary>
    public static MessageStatus Status(Message message, Conversation conversation)
    {
        var others = conversation.Participants.Where(p => p.UserId != message.SenderId).ToList();
        if (others.Count == 0)
        {
            return MessageStatus.Sent;
        }

        if (others.All(p => p.ReadSequence >= message.Sequence))
        {
            return MessageStatus.Read;
        }

        return others.All(p => Math.Max(p.DeliveredSequence, p.ReadSequence) >= message.Sequence)
            ? MessageStatus.Delivered
            : MessageStatus.Sent;
    }

    /// <summary>The message as each participant sees it, as one event per participant.</summary>
    public async Task<IReadOnlyList<RealtimeEvent>> MessageEventsAsync(string target, Message message, Conversation conversation, CancellationToken cancellationToken)
    {
        var asOthers = await MessageAsync(message, conversation, viewerId: string.Empty, cancellationToken);
        var asSender = asOthers with { Status = Status(message, conversation) };
        return conversation.Participants
            .Select(p => new RealtimeEvent(target, p.UserId, p.UserId == message.SenderId ? asSender : asOthers))
            .ToList();
    }

    public static IReadOnlyList<RealtimeEvent> ToParticipants(Conversation conversation, string target, object payload, string? except = null) =>
        conversation.Participants
            .Where(p => p.UserId != except)
            .Select(p => new RealtimeEvent(target, p.UserId, payload))
            .ToList();

    public static ConversationDto Conversation(Conversation c, string viewerId)
    {
        var viewer = c.FindParticipant(viewerId);
        return new ConversationDto(
            c.Id,
            c.Kind,
            c.Title,
            c.Metadata,
            c.CreatedBy,
            c.CreatedAt,
            c.Participants.Select(Participant).ToList(),
            c.LastSequence,
            Preview(c.LastMessage),
            c.LastActivityAt,
            viewer is null ? 0 : Unread(c.LastSequence, viewer.ReadSequence));
    }

    public static ConversationSummaryDto Summary(UserConversation entry) => new(
        entry.ConversationId,
        entry.Kind,
        entry.Title,
        entry.ParticipantIds,
        Preview(entry.LastMessage),
        entry.LastActivityAt,
        entry.LastSequence,
        entry.UnreadCount);

    public static ParticipantDto Participant(Participant p) =>
        new(p.UserId, p.DisplayName, p.JoinedAt, p.ReadSequence, p.ReadAt, p.DeliveredSequence, p.DeliveredAt);

    public static PositionDto Position(string conversationId, Participant p) =>
        new(conversationId, p.UserId, p.ReadSequence, p.ReadAt, p.DeliveredSequence, p.DeliveredAt);

    public static MessagePreviewDto? Preview(MessagePreview? p) =>
        p is null ? null : new MessagePreviewDto(p.MessageId, p.Sequence, p.SenderId, p.Type, p.Text, p.CreatedAt, p.Deleted);

    /// <summary>Unread is O(1): the last sequence minus the read position (own sends move the sender's read position).</summary>
    public static long Unread(long lastSequence, long readSequence) => Math.Max(0, lastSequence - readSequence);

    /// <summary>
    /// The reply reference with the target's current text: none when the target was deleted, the edited text when it
    /// was edited. The preview stored at send time is only a fallback when the target is not at hand.
    /// </summary>
    public static Message WithCurrentReply(Message message, IReadOnlyDictionary<string, Message> targets) =>
        message.ReplyTo is { } reply && targets.TryGetValue(reply.MessageId, out var target)
            ? message with { ReplyTo = reply with { Preview = target.IsDeleted ? null : Shorten(target.Content) } }
            : message;

    public static MessagePreview PreviewOf(Message m) =>
        new(m.Id, m.Sequence, m.SenderId, m.Type, m.IsDeleted ? null : Shorten(m.Content), m.CreatedAt, m.IsDeleted);

    public static string? Shorten(string? text)
    {
        if (text is null || text.Length <= PreviewLength)
        {
            return text;
        }

        var length = PreviewLength - 1;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}
