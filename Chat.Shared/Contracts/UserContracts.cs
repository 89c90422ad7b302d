using System.Text.Json;
using Chat.Shared.Domain;

namespace Chat.Shared.Contracts;

/// <summary>A user as other users see them: the profile's name and avatar (the name from their token until the app set a profile).</summary>
public sealed record UserDto(string Id, string? DisplayName, string? AvatarUrl);

/// <summary>The users of a <c>GET /api/users?ids=</c> the caller may see, in the order asked; others are left out.</summary>
public sealed record UsersDto(IReadOnlyList<UserDto> Items);

/// <summary><c>GET /api/users</c>: either <see cref="Ids"/> (comma-separated) or a directory <see cref="Prefix"/>.</summary>
public sealed record UsersRequest(string? Ids = null, string? Prefix = null, string? Cursor = null, int? Limit = null);

/// <summary>
/// <c>PUT /api/server/users/{userId}</c>: the whole profile (a field left out is cleared: no avatar, no metadata, not
/// in the directory).
/// </summary>
public sealed record UpsertProfileRequest(
    string DisplayName,
    string? AvatarUrl = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    bool? InDirectory = null);

/// <summary>A profile as the server sees it.</summary>
public sealed record ProfileDto(
    string UserId,
    string DisplayName,
    string? AvatarUrl,
    IReadOnlyDictionary<string, string> Metadata,
    bool InDirectory,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>An erasure's progress.</summary>
public sealed record ErasureDto(
    string UserId,
    ErasureStatus Status,
    int Pass,
    ErasurePhase Phase,
    int Round,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    long MessagesErased,
    long ConversationsLeft,
    long DocumentsDeleted);

/// <summary>One stored document about the user: its kind (the store's document type) and its content.</summary>
public sealed record ExportItemDto(string Kind, string? ConversationId, JsonElement Data);

/// <summary>A page of a user's export; follow <see cref="NextCursor"/> while <see cref="HasMore"/>.</summary>
public sealed record ExportPageDto(string UserId, IReadOnlyList<ExportItemDto> Items, string? NextCursor, bool HasMore);
