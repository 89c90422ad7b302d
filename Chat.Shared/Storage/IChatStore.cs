using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// The persistence port of the chat core. Every write that two callers can race is conditional (on the
/// conversation's counters, an ETag or a position) and reports a lost race instead of overwriting. Implementations:
/// the Cosmos DB store in production, a double in the tests; both pass one contract suite. The store holds no rule:
/// what to write is decided by the services and the domain model.
/// </summary>
public interface IChatStore
{
    /// <summary>
    /// Reads the conversation and the named documents of one conversation in one round trip; missing ones are left out.
    /// </summary>
    Task<ConversationItems> ReadItemsAsync(string conversationId, ItemKeys keys, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation, every member (those who left included) and every delivery position of one conversation: one
    /// single-partition query. Null when the conversation does not exist.
    /// </summary>
    Task<ConversationState?> GetStateAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// A page of messages by sequence in one partition: <see cref="MessageQuery.Before"/> returns the newest
    /// messages below it (newest first), <see cref="MessageQuery.After"/> the oldest above it (oldest first).
    /// </summary>
    Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, MessageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The documents whose latest change position is above <paramref name="after"/>, in change order, at most
    /// <paramref name="limit"/>: one single-partition query on the change index.
    /// </summary>
    Task<IReadOnlyList<ConversationChange>> GetChangesAsync(string conversationId, long after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a conversation: the conversation document and its members (and any messages in the write) — invisible
    /// until all of it is stored. False when the conversation id exists already.
    /// </summary>
    Task<bool> TryCreateConversationAsync(ConversationWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic, conditional write of conversation-level changes: replaces the conversation document if its stored
    /// ETag still equals <c>write.Expected.ETag</c>, and writes everything else in the same transaction.
    /// </summary>
    Task<CommitOutcome> TryCommitAsync(ConversationWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an active member's read position forward to <paramref name="sequence"/> (never back), touching only the
    /// member's document. The member after the write, or null when it was already there or beyond, or the member is
    /// not active.
    /// </summary>
    Task<Member?> TryAdvanceReadAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a member's delivery position forward (never back), touching only the member's delivery document
    /// (created by the first receipt). The position after the write, or null when it was already there or beyond.
    /// </summary>
    Task<Delivery?> TryAdvanceDeliveredAsync(string conversationId, string userId, long sequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an active member's own settings (mute, archive) and bumps its view version, touching only the member's
    /// document. The member after the write, or null when the member is not active.
    /// </summary>
    Task<Member?> TryUpdateSettingsAsync(string conversationId, string userId, MemberSettings settings, CancellationToken cancellationToken);

    /// <summary>Creates the reservation unless its id exists. False when it existed already.</summary>
    Task<bool> TryCreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken);

    /// <summary>
    /// Reservations no message used whose upload URL expired before <paramref name="uploadExpiredBefore"/>, oldest
    /// first. A cross-partition query: the upload sweep's timer path, never an HTTP request.
    /// </summary>
    Task<IReadOnlyList<AttachmentReservation>> GetAbandonedAttachmentsAsync(
        DateTimeOffset uploadExpiredBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation if it is unchanged since it was read (a send that used it meanwhile wins).</summary>
    Task<bool> TryDeleteAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken);

    /// <summary>A page of the user's list in one folder, most recent activity first, from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetUserConversationsAsync(
        string userId, ListQuery query, ConversationListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>The user's entries with unread messages (any folder but left), from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's entries written after <paramref name="after"/>, in <c>sync</c> order, from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetListChangesAsync(string userId, SyncPosition after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The conversations <paramref name="userId"/> is an active member of (list entries in any folder but left), from the
    /// user's partition: one query. Where a user's presence change goes (one event per conversation group).
    /// </summary>
    Task<IReadOnlyList<string>> GetActiveConversationIdsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Those of <paramref name="candidateIds"/> who share an active conversation with <paramref name="userId"/> (the
    /// participants of the user's list entries in any folder but left), from the user's partition: one query.
    /// </summary>
    Task<IReadOnlySet<string>> GetSharedUsersAsync(string userId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a projected list entry unless the stored one has the same or a newer <see cref="UserConversation.Version"/>
    /// (one conditional write, no read). True when it wrote.
    /// </summary>
    Task<bool> TryPutListEntryAsync(UserConversation entry, CancellationToken cancellationToken);
}

/// <summary>Which documents of a conversation a <see cref="IChatStore.ReadItemsAsync"/> call reads besides the conversation itself.</summary>
public sealed record ItemKeys
{
    public IReadOnlyList<string> MemberIds { get; init; } = [];
    public IReadOnlyList<string> DeliveryIds { get; init; } = [];
    public IReadOnlyList<string> MessageIds { get; init; } = [];
    public IReadOnlyList<string> AttachmentIds { get; init; } = [];

    public static ItemKeys Member(string userId) => new() { MemberIds = [userId] };
}

/// <summary>What <see cref="IChatStore.ReadItemsAsync"/> found.</summary>
public sealed record ConversationItems(
    Conversation? Conversation,
    IReadOnlyDictionary<string, Member> Members,
    IReadOnlyDictionary<string, Delivery> Deliveries,
    IReadOnlyDictionary<string, Message> Messages,
    IReadOnlyDictionary<string, AttachmentReservation> Attachments);

/// <summary>A conversation with all its members and delivery positions.</summary>
public sealed record ConversationState(
    Conversation Conversation,
    IReadOnlyList<Member> Members,
    IReadOnlyDictionary<string, Delivery> Deliveries)
{
    public IEnumerable<Member> ActiveMembers => Members.Where(m => m.IsActive);

    public Member? FindMember(string userId) => Members.FirstOrDefault(m => m.UserId == userId);

    /// <summary>The read and delivery positions of the active members.</summary>
    public IReadOnlyList<ReceiptPosition> Positions() =>
        ActiveMembers.Select(m => m.Position(Deliveries.GetValueOrDefault(m.UserId))).ToList();
}

/// <summary>One item of the change order: exactly one of the three is set, at its latest change position.</summary>
public sealed record ConversationChange(long Position, Message? Message = null, Member? Member = null, Conversation? Conversation = null);

/// <summary>
/// A conversation-level change: the conversation as it was read (its ETag is the precondition) and everything the
/// change writes. <see cref="NextSequence"/> and <see cref="NextChange"/> hand out message sequences and change
/// positions; the conversation document is always written, with its new <see cref="Domain.Conversation.LastChange"/>.
/// </summary>
public sealed class ConversationWrite(Conversation expected)
{
    private long _sequence = expected.LastSequence;
    private long _change = expected.LastChange;

    /// <summary>The conversation as read; a new one (no ETag) for a create.</summary>
    public Conversation Expected { get; } = expected;

    /// <summary>The conversation document to store: <see cref="Expected"/> unless the change sets another.</summary>
    public Conversation Conversation { get; set; } = expected;

    /// <summary><see cref="Conversation"/> as stored: with the last change position this write handed out.</summary>
    public Conversation StoredConversation => Conversation with { LastChange = _change, ETag = null };

    /// <summary>The last message sequence handed out (the conversation's last sequence when no message is created).</summary>
    public long LastSequence => _sequence;

    public List<Message> NewMessages { get; } = [];

    /// <summary>Messages replaced under their ETag.</summary>
    public List<Message> ChangedMessages { get; } = [];

    public List<MemberWrite> Members { get; } = [];

    /// <summary>The sender's read position moved by a send (a patch of three fields; no view-version change).</summary>
    public SenderRead? SenderRead { get; set; }

    /// <summary>Reservations replaced under their ETag (marked as used by a message).</summary>
    public List<AttachmentReservation> Reservations { get; } = [];

    public long NextSequence() => ++_sequence;

    public long NextChange() => ++_change;
}

public enum MemberWriteKind
{
    /// <summary>A new member document.</summary>
    Create,

    /// <summary>The whole document replaced: a member who left joins again.</summary>
    Replace,

    /// <summary>
    /// Only the membership fields (role, state, left at, removed by, change) patched and the view version bumped, so a
    /// concurrent read receipt or settings change is never lost.
    /// </summary>
    UpdateMembership,
}

/// <param name="WithReadPosition">
/// For <see cref="MemberWriteKind.UpdateMembership"/>: also set the read position (the member made the change that
/// writes their document and posted its system message: sending counts as reading).
/// </param>
public sealed record MemberWrite(Member Member, MemberWriteKind Kind, bool WithReadPosition = false);

public sealed record SenderRead(string UserId, long Sequence, DateTimeOffset At, string? DisplayName);

/// <summary>A member's own settings; null leaves a setting as it is.</summary>
public sealed record MemberSettings(MutedSetting? Muted, ArchivedSetting? Archived);

public sealed record MutedSetting(DateTimeOffset? Until);

public sealed record ArchivedSetting(bool Archived, long AtSequence);

public enum CommitOutcome
{
    Committed,

    /// <summary>The counters changed since they were read (another change won the race): read again and retry.</summary>
    ConversationChanged,

    /// <summary>A message with a new message's id exists: the write is a retry of one already stored.</summary>
    MessageExists,

    /// <summary>A replaced message changed since it was read: read again and retry.</summary>
    MessageChanged,

    /// <summary>A reservation changed since it was read (another send used it).</summary>
    AttachmentChanged,
}

/// <summary>Either <see cref="Before"/> or <see cref="After"/> (exclusive sequences), and a page size.</summary>
public sealed record MessageQuery(long? Before, long? After, int Limit);

/// <summary>Which entries a list page shows: one folder, optionally one key or one metadata value.</summary>
public sealed record ListQuery(ListFolder Folder, string? Key = null, KeyValuePair<string, string>? Metadata = null)
{
    public static readonly ListQuery Inbox = new(ListFolder.Inbox);
}

/// <summary>A transient store failure (throttling, timeout, service unavailable) after the store's own bounded retries.</summary>
public sealed class StoreUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
