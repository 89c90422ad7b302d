using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Profiles as the app's backend sets them (<c>PUT</c> / <c>GET /api/server/users/{userId}</c>). The request writes the
/// profile document only; the profile projection brings it to the user's conversations and the directory.
/// </summary>
public sealed class ProfileService(ChatDependencies deps, IProfileStore profiles)
{
    private readonly ChatOptions _options = deps.Options;

    /// <summary>
    /// Creates (201) or replaces (200) the whole profile; the same profile again writes nothing. One read and one
    /// conditional write in the user's partition; a lost race reads again. Refused (409) while the user's data is being
    /// erased.
    /// </summary>
    public async Task<ChatResult<ProfileDto>> UpsertAsync(string? userId, UpsertProfileRequest request, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        var name = DisplayName(request.DisplayName);
        var avatar = AvatarUrl(request.AvatarUrl);
        var metadata = InputRules.Metadata(request.Metadata, _options);
        var inDirectory = request.InDirectory ?? false;
        return await deps.RetryOnContentionAsync(async () =>
        {
            var record = await profiles.ReadUserAsync(id, cancellationToken);
            if (record.Erasure is { IsRunning: true })
            {
                throw ChatException.Conflict(ErrorCodes.ErasureInProgress, "This user's data is being erased; set the profile after the erasure completed.");
            }

            var updated = UserProfile.Upserted(record.Profile, id, name, avatar, metadata, inDirectory, deps.Clock.GetUtcNow());
            if (updated is null)
            {
                return ChatResult.Quiet(Views.Profile(record.Profile!));
            }

            return await profiles.TryPutProfileAsync(updated, cancellationToken)
                ? new ChatResult<ProfileDto>(Views.Profile(updated), [], Created: record.Profile is null)
                : null;
        }, cancellationToken);
    }

    public async Task<ProfileDto> GetAsync(string? userId, CancellationToken cancellationToken)
    {
        var id = InputRules.UserIdInPath(userId);
        var record = await profiles.ReadUserAsync(id, cancellationToken);
        return record.Profile is { } profile ? Views.Profile(profile) : throw UserNotFound();
    }

    public static ChatException UserNotFound() => ChatException.NotFound(ErrorCodes.UserNotFound, "No such user, or not one the caller may see.");

    /// <summary>A display name: trimmed, visible, 1 to <see cref="UsersOptions.MaxDisplayNameLength"/> characters, no control characters.</summary>
    private string DisplayName(string? name)
    {
        var trimmed = name?.Trim();
        return trimmed is null || TextRules.IsBlank(trimmed) || trimmed.Length > _options.Users.MaxDisplayNameLength || TextRules.HasControlCharacters(trimmed)
            ? throw ChatException.Validation(ErrorCodes.InvalidDisplayName, "displayName",
                $"displayName is 1 to {_options.Users.MaxDisplayNameLength} visible characters without control characters.")
            : trimmed;
    }

    /// <summary>An avatar: an absolute http(s) URL of at most <see cref="UsersOptions.MaxAvatarUrlLength"/> characters, or none.</summary>
    private string? AvatarUrl(string? url) =>
        url is null ? null
        : url.Length <= _options.Users.MaxAvatarUrlLength && !url.Any(c => c <= ' ' || c >= (char)0x7f)
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw ChatException.Validation(ErrorCodes.InvalidAvatarUrl, "avatarUrl",
                $"avatarUrl is an absolute http or https URL of at most {_options.Users.MaxAvatarUrlLength} characters.");
}
