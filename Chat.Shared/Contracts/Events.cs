namespace Chat.Shared.Contracts;

public sealed record MessageDeletedEvent(string ConversationId, string MessageId, long Sequence, DateTimeOffset DeletedAt);

public sealed record MessagesReadEvent(string ConversationId, string UserId, long Sequence, DateTimeOffset ReadAt);

public sealed record MessagesDeliveredEvent(string ConversationId, string UserId, long Sequence, DateTimeOffset DeliveredAt);

public sealed record TypingEvent(string ConversationId, string UserId, bool IsTyping, DateTimeOffset? ExpiresAt);

/// <summary>
/// Members who joined or left (or were removed) and roles that changed: to the conversation's group, and to each
/// removed member directly (they are no longer in the group).
/// </summary>
public sealed record ParticipantsChangedEvent(
    string ConversationId,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyDictionary<string, Domain.MemberRole?> Roles);
