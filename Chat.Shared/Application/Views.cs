using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>Maps stored state to what a given viewer sees.</summary>
public sealed class Views(ChatDependencies deps)
{
    /// <summary>
    /// The message as <paramref name="viewerId"/> sees it (null: as the conversation's group or the server sees it,
    /// without <c>status</c> and own reactions). The reply preview comes from the target's current state in
    /// <paramref name="replyTargets"/>; <paramref name="status"/> is shown to the sender only; the sender's name and avatar
    /// come from <paramref name="sender"/>, the sender's member document (<see cref="Sender"/>).
    /// </summary>
    public async Task<MessageDto> MessageAsync(
        Message message, string? viewerId, IReadOnlyDictionary<string, Message> replyTargets, MessageStatus? status, Member? sender,
        CancellationToken cancellationToken)
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
            Sender(message, sender),
            message.Type,
            message.Content,
            message.SystemEvent,
            message.SystemUserIds,
            Reply(message, replyTargets),
            attachments,
            message.Reactions.Select(r => new ReactionDto(r.Key, r.Value.Count, r.Value)).ToList(),
            viewerId is null ? [] : message.Reactions.Where(r => r.Value.Contains(viewerId)).Select(r => r.Key).ToList(),
            message.Metadata,
            message.CreatedAt,
            message.EditedAt,
            message.DeletedAt,
            message.DeletedBy,
            message.ClientMessageId,
            viewerId is not null && viewerId == message.SenderId ? status : null);
    }

    /// <summary>
    /// Who sent a message, as every view shows it: the sender's profile (<see cref="Domain.Member.ShownDisplayName"/>,
    /// <see cref="Domain.Member.ShownAvatarUrl"/>) from their member document when there is one, else the name stored
    /// with the message; the server's messages show the configured sender name and avatar.
    /// </summary>
    public SenderDto Sender(Message message, Member? sender) =>
        ServerActor.Is(message.SenderId)
            ? new SenderDto(message.SenderId, NullIfEmpty(deps.Options.Server.DisplayName), NullIfEmpty(deps.Options.Server.AvatarUrl))
            : new SenderDto(message.SenderId, sender?.ShownDisplayName ?? message.SenderName, sender?.ShownAvatarUrl);

    /// <summary>The reply reference with a preview of the target's current text: none once the target was deleted.</summary>
    public static ReplyToDto? Reply(Message message, IReadOnlyDictionary<string, Message> targets) =>
        message.ReplyTo is not { } reply
            ? null
            : new ReplyToDto(reply.MessageId, reply.Sequence, reply.SenderId,
                targets.TryGetValue(reply.MessageId, out var target) && !target.IsDeleted ? TextPreview.Of(target.Content) : null);

    /// <summary>The ids of the reply targets of <paramref name="messages"/> that are not among them.</summary>
    public static IReadOnlyList<string> MissingReplyTargets(IReadOnlyCollection<Message> messages)
    {
        var ids = messages.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return messages.Where(m => m.ReplyTo is not null && !ids.Contains(m.ReplyTo.MessageId))
            .Select(m => m.ReplyTo!.MessageId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The conversation as the member sees it; with <paramref name="presence"/>, each participant's presence too.</summary>
    public static ConversationDto Conversation(MemberSnapshot snapshot, DateTimeOffset now, IReadOnlyDictionary<string, UserPresence>? presence = null)
    {
        var (state, me) = (snapshot.State, snapshot.Member);
        var c = state.Conversation;
        return new ConversationDto(
            c.Id,
            c.Kind,
            c.Title,
            c.Metadata,
            c.Key,
            c.CreatedBy,
            c.CreatedAt,
            c.ClosedAt,
            Participants(state, presence),
            c.LastSequence,
            Preview(c.LastMessage),
            c.LastActivityAt,
            me.UnreadCount(c.LastSequence),
            new MyStateDto(me.Role, me.IsMutedAt(now), me.MutedUntil, me.FolderAt(c.LastSequence) == ListFolder.Archived));
    }

    /// <summary>
    /// The active members in joining order, with their positions; with <paramref name="presence"/> (states by user id; a
    /// user without one was never seen), whether each is online and when they were last seen.
    /// </summary>
    public static IReadOnlyList<ParticipantDto> Participants(ConversationState state, IReadOnlyDictionary<string, UserPresence>? presence = null)
    {
        var members = state.ActiveMembers.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        return state.Conversation.MemberIds
            .Where(members.ContainsKey)
            .Select(id => Participant(members[id], state.Deliveries.GetValueOrDefault(id), presence is null ? null : presence.GetValueOrDefault(id) ?? UserPresence.NeverSeen(id)))
            .ToList();
    }

    public static ParticipantDto Participant(Member m, Delivery? delivery, UserPresence? presence = null)
    {
        var position = m.Position(delivery);
        return new ParticipantDto(m.UserId, m.ShownDisplayName, m.ShownAvatarUrl, m.Role, m.JoinedAt, position.ReadSequence, position.ReadAt,
            position.DeliveredSequence, position.DeliveredAt, presence?.Online, presence?.LastSeenAt);
    }

    /// <summary>A conversation as the server sees it: everything, with every active participant.</summary>
    public static ServerConversationDto ServerConversation(ConversationState state)
    {
        var c = state.Conversation;
        return new ServerConversationDto(c.Id, c.Kind, c.Title, c.Metadata, c.Key, c.CreatedBy, c.CreatedAt, c.ClosedAt, c.ClosedBy,
            Participants(state), c.LastSequence, Preview(c.LastMessage), c.LastActivityAt);
    }

    /// <summary>A user as other users see them, from their member document in a conversation both are in.</summary>
    public static UserDto User(Member m) => new(m.UserId, m.ShownDisplayName, m.ShownAvatarUrl);

    /// <summary>A user as other users see them, from their profile.</summary>
    public static UserDto User(UserProfile p) => new(p.UserId, p.DisplayName, p.AvatarUrl);

    public static ProfileDto Profile(UserProfile p) =>
        new(p.UserId, p.DisplayName, p.AvatarUrl, p.Metadata, p.InDirectory, p.Version, p.CreatedAt, p.UpdatedAt);

    public static ErasureDto Erasure(ErasureJob j) =>
        new(j.UserId, j.Status, j.Pass, j.Phase, j.Round, j.StartedAt, j.UpdatedAt, j.CompletedAt, j.MessagesErased, j.ConversationsLeft, j.DocumentsDeleted);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static ConversationSummaryDto Summary(UserConversation e, DateTimeOffset now) => new(
        e.ConversationId,
        e.Kind,
        e.Title,
        e.Metadata,
        e.Key,
        e.ParticipantIds,
        Preview(e.LastMessage),
        e.LastActivityAt,
        e.LastSequence,
        e.UnreadCount,
        e.Role,
        e.IsMutedAt(now),
        e.MutedUntil,
        e.Folder == ListFolder.Archived,
        e.ClosedAt,
        e.State,
        new EntryVersionDto(e.Version.Conversation, e.Version.Member));

    public static PositionDto Position(string conversationId, ReceiptPosition p) =>
        new(conversationId, p.UserId, p.ReadSequence, p.ReadAt, p.DeliveredSequence, p.DeliveredAt);

    public static MessagePreviewDto? Preview(MessagePreview? p) =>
        p is null ? null : new MessagePreviewDto(p.MessageId, p.Sequence, p.SenderId, p.Type, p.Text, p.CreatedAt, p.Deleted);

    public static MemberDto Member(Member m) => new(m.UserId, m.ShownDisplayName, m.ShownAvatarUrl, m.Role, m.State, m.JoinedAt, m.LeftAt, m.RemovedBy);

    public static ConversationInfoDto Info(Conversation c) =>
        new(c.Id, c.Kind, c.Title, c.Metadata, c.CreatedBy, c.CreatedAt, c.ClosedAt, c.ClosedBy);
}
