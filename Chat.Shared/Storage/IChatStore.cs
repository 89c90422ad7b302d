using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// The persistence port of the chat core. Every write that two callers can race is conditional
/// (on an ETag or on a position) and reports a lost race instead of overwriting.
/// Implementations: the Cosmos DB store in production, a double in the tests; both pass one contract suite.
/// </summary>
public interface IChatStore
{
    /// <summary>Point read of the conversation document (one round trip). Null when it does not exist.</summary>
    Task<Conversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Creates the conversation unless its id exists. False when it already existed.</summary>
    Task<bool> TryCreateConversationAsync(Conversation conversation, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic write: creates <paramref name="message"/>, replaces the conversation with
    /// <paramref name="conversation"/> if its stored ETag still equals <c>conversation.ETag</c>, and
    /// marks <paramref name="attachments"/> as used by the message (each under its own ETag).
    /// Nothing is written unless everything is.
    /// </summary>
    Task<AppendOutcome> TryAppendMessageAsync(
        Conversation conversation,
        Message message,
        IReadOnlyList<AttachmentReservation> attachments,
        CancellationToken cancellationToken);

    Task<Message?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken);

    /// <summary>Reads several messages of one conversation by id (one round trip); missing ids are left out.</summary>
    Task<IReadOnlyList<Message>> GetMessagesByIdAsync(string conversationId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// A page of messages by sequence in one partition: <see cref="MessageQuery.Before"/> returns the newest
    /// messages below it (newest first), <see cref="MessageQuery.After"/> the oldest above it (oldest first).
    /// </summary>
    Task<IReadOnlyList<Message>> GetMessagesAsync(string conversationId, MessageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the message if its ETag still matches and, when <paramref name="conversation"/> is given, the
    /// conversation under its ETag in the same atomic write. False when either changed meanwhile.
    /// </summary>
    Task<bool> TryReplaceMessageAsync(Message message, Conversation? conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Moves one participant's read or delivery position forward to <paramref name="sequence"/> (never back),
    /// touching one document; moving read past the delivery position moves that too. <paramref name="conversation"/>
    /// is the conversation as the caller last read it: the store may use it to locate the participant and skip a
    /// read, but re-checks the position on the server. Returns the conversation after the write, or null when the
    /// position was already there or beyond, or the user is not a participant (a no-op).
    /// </summary>
    Task<Conversation?> AdvancePositionAsync(
        Conversation conversation,
        string userId,
        PositionKind kind,
        long sequence,
        DateTimeOffset at,
        CancellationToken cancellationToken);

    Task CreateAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken);

    /// <summary>Reads several reservations of one conversation (one round trip); missing ids are left out.</summary>
    Task<IReadOnlyList<AttachmentReservation>> GetAttachmentsAsync(
        string conversationId,
        IReadOnlyList<string> attachmentIds,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reservations no message used whose upload URL expired before <paramref name="uploadExpiredBefore"/>, oldest
    /// first. The one cross-partition query of this store: the upload sweep's timer path, never an HTTP request.
    /// </summary>
    Task<IReadOnlyList<AttachmentReservation>> GetAbandonedAttachmentsAsync(
        DateTimeOffset uploadExpiredBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation if it is unchanged since it was read (a send that used it meanwhile wins).</summary>
    Task<bool> TryDeleteAttachmentAsync(AttachmentReservation reservation, CancellationToken cancellationToken);

    /// <summary>A page of the user's conversation list, most recent activity first, from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetUserConversationsAsync(
        string userId,
        ConversationListPosition? after,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>The user's conversations with unread messages, from the user's partition.</summary>
    Task<IReadOnlyList<UserConversation>> GetUnreadConversationsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Point read of one list entry in the user's partition (one round trip). Null when there is none.</summary>
    Task<UserConversation?> GetUserConversationAsync(string userId, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a projected list entry: creates it when <c>entry.ETag</c> is null (false if one exists meanwhile),
    /// otherwise replaces it if the stored ETag still matches (false if it changed or is gone).
    /// </summary>
    Task<bool> TryPutUserConversationAsync(UserConversation entry, CancellationToken cancellationToken);
}

public enum PositionKind { Read, Delivered }

public enum AppendOutcome
{
    Appended,

    /// <summary>The conversation changed since it was read (another send won the race): read it again and retry.</summary>
    ConversationChanged,

    /// <summary>A message with this id exists: the send is a retry of one already stored.</summary>
    MessageExists,

    /// <summary>An attachment changed since it was read (another send used it).</summary>
    AttachmentChanged,
}

/// <summary>Either <see cref="Before"/> or <see cref="After"/> (exclusive sequences), and a page size.</summary>
public sealed record MessageQuery(long? Before, long? After, int Limit);

/// <summary>A transient store failure (throttling, timeout, service unavailable) after the store's own bounded retries.</summary>
public sealed class StoreUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
