namespace Chat.Shared.Domain;

public enum MemberRole { Owner, Admin, Member }

public enum MemberState { Active, Left }

/// <summary>
/// One member of a conversation, a document of its own: membership (role, state), the read position and the
/// member's own settings. Receipts and settings patch only this document, so they never contend with sends.
/// </summary>
public sealed record Member
{
    public required string ConversationId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The name from the member's token (set at creation and by their sends).</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// The user's profile as the profile projection copied it (null until it looked; version 0 when it found none).
    /// </summary>
    public MemberProfile? Profile { get; init; }

    /// <summary>Owner, admin or member in a group; null in a direct conversation (no roles).</summary>
    public MemberRole? Role { get; init; }

    public MemberState State { get; init; } = MemberState.Active;
    public required DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset? LeftAt { get; init; }

    /// <summary>Who removed the member (null when they left by themselves or are active).</summary>
    public string? RemovedBy { get; init; }

    public long ReadSequence { get; init; }
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>
    /// The read position was last moved by a read receipt, not by the member's own send (sending counts as reading),
    /// joining, or a membership change they made: only such a move is published as <c>chat.messages.read</c>.
    /// </summary>
    public bool ReadByReceipt { get; init; }

    /// <summary>Muted until this time (<see cref="DateTimeOffset.MaxValue"/>: until unmuted); null when not muted.</summary>
    public DateTimeOffset? MutedUntil { get; init; }

    public bool Archived { get; init; }

    /// <summary>The last sequence when the member archived: a newer message brings the conversation back.</summary>
    public long ArchivedAtSequence { get; init; }

    /// <summary>Change position of the last membership change (join, leave, role): its place in <c>changes</c>.</summary>
    public long Change { get; init; }

    /// <summary>Grows with every change the member's own list entry shows: the projection's member-side version.</summary>
    public long ViewVersion { get; init; }

    public string? ETag { get; init; }

    public bool IsActive => State == MemberState.Active;

    /// <summary>The name every view shows: the profile's once the app set one, else the name from the member's token.</summary>
    public string? ShownDisplayName => Profile?.DisplayName ?? DisplayName;

    /// <summary>The avatar every view shows: the profile's (none until the app set a profile).</summary>
    public string? ShownAvatarUrl => Profile?.AvatarUrl;

    /// <summary>Unread is O(1): the last sequence minus the read position (own sends move the read position).</summary>
    public long UnreadCount(long lastSequence) => Math.Max(0, lastSequence - ReadSequence);

    public bool IsMutedAt(DateTimeOffset now) => MutedUntil is { } until && until > now;

    /// <summary>Which part of the member's list the conversation belongs in, given the conversation's last sequence.</summary>
    public ListFolder FolderAt(long lastSequence) =>
        !IsActive ? ListFolder.Left
        : Archived && lastSequence <= ArchivedAtSequence ? ListFolder.Archived
        : ListFolder.Inbox;

    /// <summary>
    /// The member's read and delivery positions. Reading counts as delivery: the delivery position is the higher of
    /// the delivery receipt and the read position, so a read receipt never writes the delivery document.
    /// </summary>
    public ReceiptPosition Position(Delivery? delivery) =>
        delivery is not null && delivery.DeliveredSequence > ReadSequence
            ? new ReceiptPosition(UserId, ReadSequence, ReadAt, delivery.DeliveredSequence, delivery.DeliveredAt)
            : new ReceiptPosition(UserId, ReadSequence, ReadAt, ReadSequence, ReadAt);

    /// <summary>Owners and admins add and remove members, rename, change metadata and close or reopen a group.</summary>
    public bool CanManage => Role is MemberRole.Owner or MemberRole.Admin;

    /// <summary>Only owners change roles.</summary>
    public bool CanChangeRoles => Role == MemberRole.Owner;
}

/// <summary>A member's delivery position: the only thing delivery receipts write, and nothing derived depends on it.</summary>
public sealed record Delivery(string ConversationId, string UserId, long DeliveredSequence, DateTimeOffset? DeliveredAt, string? ETag = null);

/// <summary>A member's read and delivery positions as clients see them.</summary>
public sealed record ReceiptPosition(string UserId, long ReadSequence, DateTimeOffset? ReadAt, long DeliveredSequence, DateTimeOffset? DeliveredAt)
{
    /// <summary>
    /// Sent, delivered or read, from the other active members' positions: read when every one of them read the
    /// message, delivered when every one of them received it. Only the sender sees it.
    /// </summary>
    public static MessageStatus StatusOf(Message message, IEnumerable<ReceiptPosition> activeMembers)
    {
        var others = activeMembers.Where(p => p.UserId != message.SenderId).ToList();
        if (others.Count == 0)
        {
            return MessageStatus.Sent;
        }

        if (others.All(p => p.ReadSequence >= message.Sequence))
        {
            return MessageStatus.Read;
        }

        return others.All(p => p.DeliveredSequence >= message.Sequence) ? MessageStatus.Delivered : MessageStatus.Sent;
    }
}

public enum ListFolder { Inbox, Archived, Left }
