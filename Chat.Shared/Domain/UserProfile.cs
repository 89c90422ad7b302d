using System.Globalization;
using System.Text;

namespace Chat.Shared.Domain;

/// <summary>
/// A user's profile, set by the app's backend (<c>PUT /api/server/users/{userId}</c>): what every participant and sender
/// view shows of the user. <see cref="Version"/> grows with every change; the profile projection copies it into the
/// user's member documents and the directory, and a write there only passes with a newer version, so replays converge.
/// </summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }
    public required string DisplayName { get; init; }
    public string? AvatarUrl { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Listed in the user directory (<c>GET /api/users?prefix=</c>), and visible there to every user.</summary>
    public bool InDirectory { get; init; }

    public required long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Directory buckets that may still hold an entry of this user (the current one and those of names the projection
    /// has not cleaned up yet): the projection deletes the entries in every bucket but the current one.
    /// </summary>
    public IReadOnlyList<string> DirectoryBuckets { get; init; } = [];

    /// <summary>The version the profile projection finished (<see cref="IsProjected"/>): its own write of this field is no change to project.</summary>
    public long ProjectedVersion { get; init; }

    public string? ETag { get; init; }

    /// <summary>The directory bucket the profile belongs in now, or null when it is not listed (or its name cannot be searched).</summary>
    public string? DirectoryBucket => InDirectory ? DirectoryNames.BucketOf(DisplayName) : null;

    public bool IsProjected => ProjectedVersion >= Version;

    /// <summary>What member documents carry of the profile.</summary>
    public MemberProfile ToMemberProfile() => new(DisplayName, AvatarUrl, Version);

    /// <summary>
    /// The profile after an upsert (PUT replaces every field), or null when nothing would change, so a retried PUT writes
    /// nothing. A new version remembers the directory bucket it is listed in, for the projection to clean up later.
    /// </summary>
    public static UserProfile? Upserted(
        UserProfile? existing, string userId, string displayName, string? avatarUrl, IReadOnlyDictionary<string, string> metadata,
        bool inDirectory, DateTimeOffset now)
    {
        if (existing is not null && existing.DisplayName == displayName && existing.AvatarUrl == avatarUrl && existing.InDirectory == inDirectory
            && existing.Metadata.Count == metadata.Count && existing.Metadata.All(p => metadata.TryGetValue(p.Key, out var v) && v == p.Value))
        {
            return null;
        }

        var profile = new UserProfile
        {
            UserId = userId,
            DisplayName = displayName,
            AvatarUrl = avatarUrl,
            Metadata = metadata,
            InDirectory = inDirectory,
            Version = (existing?.Version ?? 0) + 1,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            ProjectedVersion = existing?.ProjectedVersion ?? 0,
            ETag = existing?.ETag,
        };
        var buckets = existing?.DirectoryBuckets ?? [];
        return profile.DirectoryBucket is { } bucket && !buckets.Contains(bucket, StringComparer.Ordinal)
            ? profile with { DirectoryBuckets = [.. buckets, bucket] }
            : profile with { DirectoryBuckets = buckets };
    }
}

/// <summary>
/// The copy of a user's profile in their member documents (<see cref="Member.Profile"/>). <see cref="Version"/> 0
/// means "looked, no profile yet": views then show the name from the user's token.
/// </summary>
public sealed record MemberProfile(string? DisplayName, string? AvatarUrl, long Version)
{
    public static readonly MemberProfile None = new(null, null, 0);
}

/// <summary>One user in the directory: a document in the bucket of the first characters of their searchable name.</summary>
public sealed record DirectoryEntry(string Bucket, string UserId, string Name, string DisplayName, string? AvatarUrl, long Version)
{
    public static DirectoryEntry For(UserProfile profile, string bucket) =>
        new(bucket, profile.UserId, DirectoryNames.Normalize(profile.DisplayName), profile.DisplayName, profile.AvatarUrl, profile.Version);
}

/// <summary>
/// How the directory finds names without a cross-partition query: a name is normalised (lower case, Latin diacritics
/// folded to their base letters (<see cref="LatinFolding"/>), combining marks removed, letters and digits only, runs of
/// anything else as one space) and filed in the
/// bucket (partition) of its first <see cref="BucketLength"/> characters. A search needs a prefix of at least that
/// many characters, so it always names one bucket: one single-partition query per page.
/// </summary>
public static class DirectoryNames
{
    public const int BucketLength = 2;

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                var lower = Rune.ToLowerInvariant(rune);
                builder.Append(lower.IsBmp && LatinFolding.Fold((char)lower.Value) is { } folded ? folded : lower.ToString());
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The bucket of a display name, or null when it has fewer than <see cref="BucketLength"/> searchable characters.</summary>
    public static string? BucketOf(string displayName) => Bucket(Normalize(displayName));

    /// <summary>The bucket a normalised name or prefix falls in: its first <see cref="BucketLength"/> characters (whole runes).</summary>
    public static string? Bucket(string normalized)
    {
        var runes = normalized.EnumerateRunes().Take(BucketLength).ToList();
        return runes.Count < BucketLength ? null : string.Concat(runes.Select(r => r.ToString()));
    }
}

/// <summary>
/// "This user is or was a member of this conversation": a document in the user's own partition, written by the member
/// profile fill before it reads the profile. The profile projection finds every conversation to update through it, and
/// erasure and export every conversation to look at, without a cross-partition query.
/// </summary>
public sealed record ConversationRef(string UserId, string ConversationId, DateTimeOffset FirstSeenAt);
