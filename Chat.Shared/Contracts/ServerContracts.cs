using Chat.Shared.Domain;

namespace Chat.Shared.Contracts;

/// <summary>
/// <c>POST /api/server/conversations</c>: a group for users, named by a key that is global in the server's namespace
/// (the same key always gives the same conversation). <see cref="Roles"/> gives participants a role (default member).
/// </summary>
public sealed record ServerCreateConversationRequest(
    string Key,
    IReadOnlyList<string> ParticipantIds,
    string? Title = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    IReadOnlyDictionary<string, string>? Roles = null);

/// <summary><c>GET /api/server/conversations</c>: exactly one of <see cref="Key"/> and <see cref="Participant"/>.</summary>
public sealed record ServerFindRequest(string? Key = null, string? Participant = null, string? Cursor = null, int? Limit = null);

/// <summary>
/// <c>POST /api/server/conversations/{id}/messages</c>: a <c>system</c> message from the app's backend, idempotent on
/// <see cref="ClientMessageId"/>; <see cref="SystemEvent"/> is the app's own machine-readable event name.
/// </summary>
public sealed record ServerMessageRequest(
    string Content,
    string ClientMessageId,
    string? SystemEvent = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A conversation as the server sees it: everything, with every active participant's profile, role and positions.</summary>
public sealed record ServerConversationDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string? Key,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    IReadOnlyList<ParticipantDto> Participants,
    long LastSequence,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt);

/// <summary>One conversation found by <c>GET /api/server/conversations</c>.</summary>
public sealed record ServerConversationSummaryDto(
    string Id,
    ConversationKind Kind,
    string? Title,
    IReadOnlyDictionary<string, string> Metadata,
    string? Key,
    IReadOnlyList<string> ParticipantIds,
    MessagePreviewDto? LastMessage,
    DateTimeOffset LastActivityAt,
    long LastSequence,
    DateTimeOffset? ClosedAt,
    ServerParticipantStateDto? Participant);

/// <summary>With <c>?participant=</c>: that user's own state in the conversation, as their list shows it.</summary>
public sealed record ServerParticipantStateDto(string UserId, MemberState State, MemberRole? Role, long UnreadCount, bool Archived, bool Muted);
