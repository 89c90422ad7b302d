using Chat.Shared.Domain;

namespace Chat.Shared.Storage;

/// <summary>
/// The persistence port of users: profiles, the conversations each user is or was in, erasures (container
/// <c>users</c>, partitioned by user id) and the directory (container <c>directory</c>, partitioned by name bucket).
/// Implementations: Cosmos DB in production, a double in the tests; both pass one contract suite.
/// </summary>
public interface IProfileStore
{
    /// <summary>The user's profile and erasure, read in one request in the user's partition.</summary>
    Task<UserRecord> ReadUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The profiles of the named users that have one (one point read each, in parallel: no query).</summary>
    Task<IReadOnlyList<UserProfile>> GetProfilesAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the profile (<c>ETag</c> null) or replaces it if its ETag is still <c>profile.ETag</c>. False, writing
    /// nothing, when another write won.
    /// </summary>
    Task<bool> TryPutProfileAsync(UserProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the projection finished <paramref name="version"/> and which directory buckets may still hold an
    /// entry, if the profile is still at that version. False when it changed meanwhile (the projection runs again).
    /// </summary>
    Task<bool> TryMarkProjectedAsync(string userId, long version, IReadOnlyList<string> directoryBuckets, CancellationToken cancellationToken);

    /// <summary>Deletes the profile. True when there was one.</summary>
    Task<bool> DeleteProfileAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records that the user is or was in a conversation (the first time only; later calls change nothing).</summary>
    Task PutConversationRefAsync(ConversationRef reference, CancellationToken cancellationToken);

    /// <summary>The user's conversation references after <paramref name="afterConversationId"/>, in id order (one query in the user's partition).</summary>
    Task<IReadOnlyList<ConversationRef>> GetConversationRefsAsync(string userId, string? afterConversationId, int limit, CancellationToken cancellationToken);

    /// <summary>The user's reference to one conversation (a point read), or null.</summary>
    Task<ConversationRef?> GetConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Deletes a conversation reference. True when there was one.</summary>
    Task<bool> DeleteConversationRefAsync(string userId, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the erasure (<c>ETag</c> null) or replaces it if its ETag is still <c>job.ETag</c>; the stored job with
    /// its new ETag, or null when another write won.
    /// </summary>
    Task<ErasureJob?> TryPutErasureAsync(ErasureJob job, CancellationToken cancellationToken);

    /// <summary>Erasures still running, oldest update first: a cross-partition query, for the erasure timer only.</summary>
    Task<IReadOnlyList<ErasureJob>> GetRunningErasuresAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Writes a directory entry unless the stored one has the same or a newer version. True when it wrote.</summary>
    Task<bool> TryPutDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken);

    Task<DirectoryEntry?> GetDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken);

    /// <summary>Deletes the user's entry in a bucket. True when there was one.</summary>
    Task<bool> DeleteDirectoryEntryAsync(string bucket, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Entries of one bucket whose normalised name starts with <paramref name="prefix"/>, in (name, user id) order after
    /// <paramref name="after"/>: one single-partition query.
    /// </summary>
    Task<IReadOnlyList<DirectoryEntry>> SearchDirectoryAsync(
        string bucket, string prefix, DirectoryPosition? after, int limit, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IProfileStore.ReadUserAsync"/> found.</summary>
public sealed record UserRecord(UserProfile? Profile, ErasureJob? Erasure);
