namespace Chat.Shared.Contracts;

public sealed record MessageDeletedEvent(string ConversationId, string MessageId, long Sequence, DateTimeOffset DeletedAt);

public sealed record MessagesReadEvent(string ConversationId, string UserId, long Sequence, DateTimeOffset ReadAt);

public sealed record MessagesDeliveredEvent(string ConversationId, string UserId, long Sequence, DateTimeOffset DeliveredAt);

public sealed record TypingEvent(string ConversationId, string UserId, bool IsTyping, DateTimeOffset? ExpiresAt);
