namespace Chat.Shared.Domain;

/// <summary>Who deleted a message: its sender, a moderator through the server API, or the erasure of its sender's data.</summary>
public enum DeletionActor { Sender, Moderator, Erasure }

/// <summary>
/// What a reply points at: the target's id, sequence and sender. Never its text: every view fills the preview
/// from the target's current state, so nothing of a deleted target is stored or returned.
/// </summary>
public sealed record ReplyReference(string MessageId, long Sequence, string SenderId);

public sealed record Message
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required long Sequence { get; init; }

    /// <summary>Change position of the latest create, edit, delete or reaction: its place in <c>changes</c>.</summary>
    public required long Change { get; init; }

    /// <summary>Change position of the latest edit (0: never edited). Events to the app's backend are derived from it.</summary>
    public long EditChange { get; init; }

    /// <summary>Change position of the latest reaction change (0: none). Events to the app's backend are derived from it.</summary>
    public long ReactionsChange { get; init; }

    public required string SenderId { get; init; }
    public string? SenderName { get; init; }
    public required MessageType Type { get; init; }
    public string? Content { get; init; }

    /// <summary>For <see cref="MessageType.System"/> messages: what happened (<see cref="SystemEvents"/>).</summary>
    public string? SystemEvent { get; init; }

    /// <summary>For system messages: the users the event is about (added, removed, new owner…).</summary>
    public IReadOnlyList<string> SystemUserIds { get; init; } = [];

    public ReplyReference? ReplyTo { get; init; }
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>Reaction → the users who reacted with it, in the order they did.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reactions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public DeletionActor? DeletedBy { get; init; }
    public string? ClientMessageId { get; init; }
    public string? ETag { get; init; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Only the sender edits or deletes their message (403 <c>message.not_sender</c>).</summary>
    public void EnsureSentBy(string userId)
    {
        if (SenderId != userId)
        {
            throw ChatException.Forbidden(ErrorCodes.NotSender, "Only the sender can change a message.");
        }
    }

    /// <summary>
    /// The message with new text (and metadata, when given) within the edit window; null when nothing would change.
    /// Deleted, location and system messages cannot be edited.
    /// </summary>
    public Message? Edited(string content, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset now, TimeSpan editWindow)
    {
        if (IsDeleted)
        {
            throw ChatException.Conflict(ErrorCodes.MessageDeleted, "A deleted message cannot be edited.");
        }

        if (Type is MessageType.Location or MessageType.System)
        {
            throw ChatException.Conflict(ErrorCodes.NotEditable, "This type of message cannot be edited.");
        }

        if (now - CreatedAt > editWindow)
        {
            throw ChatException.Conflict(ErrorCodes.EditWindowExpired, "The time to edit this message has passed.");
        }

        if (Content == content && (metadata is null || SameMetadata(Metadata, metadata)))
        {
            return null;
        }

        return this with { Content = content, Metadata = metadata ?? Metadata, EditedAt = now };
    }

    /// <summary>
    /// The tombstone: no content, attachments, metadata, reply or reactions; the sequence stays so every history
    /// stays in step. The sender must be within the delete window; a moderator always may. Null when already deleted.
    /// </summary>
    public Message? Deleted(DateTimeOffset now, TimeSpan deleteWindow, DeletionActor by)
    {
        if (IsDeleted)
        {
            return null;
        }

        if (by == DeletionActor.Sender && now - CreatedAt > deleteWindow)
        {
            throw ChatException.Conflict(ErrorCodes.DeleteWindowExpired, "The time to delete this message has passed.");
        }

        return this with
        {
            Content = null,
            Attachments = [],
            Metadata = new Dictionary<string, string>(),
            ReplyTo = null,
            Reactions = new Dictionary<string, IReadOnlyList<string>>(),
            DeletedAt = now,
            DeletedBy = by,
        };
    }

    /// <summary>
    /// The message after its sender's data was erased: a tombstone (as <see cref="Deleted"/>, by
    /// <see cref="DeletionActor.Erasure"/> unless it was deleted before) without the sender's name or the client's
    /// message id. Null when there is nothing left to erase, so erasing again changes nothing.
    /// </summary>
    public Message? Erased(DateTimeOffset now)
    {
        if (IsDeleted && SenderName is null && ClientMessageId is null)
        {
            return null;
        }

        var tombstone = Deleted(now, TimeSpan.MaxValue, DeletionActor.Erasure) ?? this;
        return tombstone with { SenderName = null, ClientMessageId = null };
    }

    /// <summary>
    /// This message (a change of <paramref name="before"/>) at change position <paramref name="position"/>, remembering
    /// which of its parts the change touched: the text (<see cref="EditChange"/>) or the reactions
    /// (<see cref="ReactionsChange"/>; a deletion clears them without counting as a reaction change). The change feed
    /// shows only a document's latest version, so these positions are what tells the events of a version apart.
    /// </summary>
    public Message At(long position, Message before) => this with
    {
        Change = position,
        EditChange = EditedAt != before.EditedAt ? position : before.EditChange,
        ReactionsChange = !IsDeleted && !SameReactions(Reactions, before.Reactions) ? position : before.ReactionsChange,
    };

    /// <summary>What lists show of this message.</summary>
    public MessagePreview ToPreview() =>
        new(Id, Sequence, SenderId, Type, IsDeleted ? null : TextPreview.Of(Content), CreatedAt, IsDeleted);

    private static bool SameReactions(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var users) && users.SequenceEqual(pair.Value, StringComparer.Ordinal));

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}

/// <summary>The short text of a message that lists and reply previews show.</summary>
public static class TextPreview
{
    public const int Length = 100;

    /// <summary>At most <see cref="Length"/> characters, ending in an ellipsis when cut; never splits a surrogate pair.</summary>
    public static string? Of(string? text)
    {
        if (text is null || text.Length <= Length)
        {
            return text;
        }

        var length = Length - 1;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}

/// <summary>The machine-readable events of <see cref="MessageType.System"/> messages.</summary>
public static class SystemEvents
{
    public const string MembersAdded = "members.added";
    public const string MemberRemoved = "member.removed";
    public const string MemberLeft = "member.left";
    public const string RoleChanged = "member.role_changed";
    public const string OwnerHandedOver = "member.owner_handed_over";
    public const string ConversationRenamed = "conversation.renamed";
    public const string ConversationClosed = "conversation.closed";
    public const string ConversationReopened = "conversation.reopened";
}
