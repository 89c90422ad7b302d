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

/// <summary>
/// A user went online or offline: to the group of every conversation the user is an active member of, only when
/// <see cref="Online"/> changed. <see cref="Version"/> grows with every change: keep the highest.
/// </summary>
public sealed record PresenceChangedEvent(string UserId, bool Online, DateTimeOffset? LastSeenAt, long Version);
