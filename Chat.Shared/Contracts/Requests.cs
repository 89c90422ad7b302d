namespace Chat.Shared.Contracts;

public sealed record CreateConversationRequest(
    IReadOnlyList<string>? ParticipantIds,
    string? Title = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? Key = null);

/// <summary>A send. <see cref="Type"/> is the wire name (text, image, ...) so unknown names are a validation error.</summary>
public sealed record SendMessageRequest(
    string? ClientMessageId = null,
    string? Content = null,
    string? Type = null,
    string? ReplyToId = null,
    IReadOnlyList<string>? AttachmentIds = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record EditMessageRequest(string? Content, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record MarkPositionRequest(string? MessageId = null);

public sealed record TypingRequest(bool IsTyping);

public sealed record ReserveAttachmentRequest(string? FileName, string? ContentType, long? SizeBytes);

/// <summary>A file the server received itself (multipart send), to be stored and attached in one call.</summary>
public sealed record UploadedFile(string? FileName, string? ContentType, long SizeBytes, Stream Content);

public sealed record HistoryRequest(string? Before = null, string? After = null, int? Limit = null);

public sealed record ConversationListRequest(string? Cursor = null, int? Limit = null);

public sealed record ChangesRequest(string? Since = null, int? Limit = null);

public sealed record SyncRequest(string? Since = null, int? Limit = null);
