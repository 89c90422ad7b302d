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

/// <summary>A list page: the archived folder instead of the inbox, and optionally one key or one metadata value to match.</summary>
public sealed record ConversationListRequest(
    string? Cursor = null, int? Limit = null, bool Archived = false, string? Key = null, KeyValuePair<string, string>? Metadata = null);

public sealed record ChangesRequest(string? Since = null, int? Limit = null);

public sealed record SyncRequest(string? Since = null, int? Limit = null);

/// <summary>PATCH of a conversation: a new title (groups; empty clears it) and/or new metadata (replaces it); absent leaves it.</summary>
public sealed record UpdateConversationRequest(string? Title = null, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record AddParticipantsRequest(IReadOnlyList<string>? UserIds);

public sealed record ChangeRoleRequest(string? Role);

/// <summary>
/// The caller's own state: <c>muted</c> is <c>true</c> (until unmuted), <c>false</c>, or an ISO 8601 time to mute until;
/// <c>archived</c> true or false. Absent leaves a setting as it is.
/// </summary>
public sealed record UpdateMeRequest(System.Text.Json.JsonElement? Muted = null, bool? Archived = null);

/// <summary><c>GET /api/presence?userIds=a,b,c</c>: the user ids as given (comma-separated).</summary>
public sealed record PresenceRequest(string? UserIds);
