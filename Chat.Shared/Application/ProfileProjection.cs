using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Shared.Application;

/// <summary>
/// Brings a profile change to every conversation the user is in and to the directory, from the change feed of the
/// <c>users</c> container, never on the request path. Per changed user it reads the current profile (not the feed's
/// copy) and then: writes the directory entry of its current bucket and deletes the user's entries in every other bucket
/// it may have been in; writes the profile copy into the user's member document of every conversation they are or were
/// in (found through the user's conversation references, one query in the user's partition per page), each with one
/// conditional patch that only a newer profile version passes; and finally records the version it finished. Replays,
/// duplicates and out-of-order batches converge: every write comes from the current profile and never replaces a newer
/// version. The projection's own final write comes back through the feed and is recognised as nothing to do.
/// </summary>
public sealed class ProfileProjector(IProfileStore profiles, IUserDataStore data)
{
    private const int Parallelism = 8;
    private const int ReferencePage = 100;

    /// <summary>Projects the current profile of each user (users without a profile, erased ones included, are skipped).</summary>
    public Task ApplyAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            userIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (userId, token) => await ProjectAsync(userId, token));

    private async Task ProjectAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = (await profiles.ReadUserAsync(userId, cancellationToken)).Profile;
        if (profile is null || profile.IsProjected)
        {
            return;
        }

        var bucket = profile.DirectoryBucket;
        if (bucket is not null)
        {
            await profiles.TryPutDirectoryEntryAsync(DirectoryEntry.For(profile, bucket), cancellationToken);
        }

        foreach (var stale in profile.DirectoryBuckets.Where(b => b != bucket))
        {
            await profiles.DeleteDirectoryEntryAsync(stale, userId, cancellationToken);
        }

        var copy = profile.ToMemberProfile();
        string? after = null;
        while (true)
        {
            var references = await profiles.GetConversationRefsAsync(userId, after, ReferencePage, cancellationToken);
            await Parallel.ForEachAsync(
                references,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (reference, token) => await data.TryPatchMemberProfileAsync(reference.ConversationId, userId, copy, token));
            if (references.Count < ReferencePage)
            {
                break;
            }

            after = references[^1].ConversationId;
        }

        await profiles.TryMarkProjectedAsync(userId, profile.Version, bucket is null ? [] : [bucket], cancellationToken);
    }
}

/// <summary>A member document the profile fill must complete: an active member whose profile copy was never filled.</summary>
public sealed record MemberToFill(string ConversationId, string UserId);

/// <summary>
/// Gives new members their profile, from the change feed of the <c>chat</c> container: for an active member document
/// without a profile copy it first records the conversation in the user's references, then reads the user's profile
/// and writes its copy (or "no profile", version 0) with the same conditional patch as the profile projection. The
/// order makes the two converge: either this read sees a profile change, or the change's projection (which reads the
/// references after the profile was written) finds the conversation.
/// </summary>
public sealed class MemberProfileFill(IProfileStore profiles, IUserDataStore data, TimeProvider clock)
{
    private const int Parallelism = 8;

    public Task ApplyAsync(IReadOnlyList<MemberToFill> members, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            members.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (member, token) =>
            {
                await profiles.PutConversationRefAsync(new ConversationRef(member.UserId, member.ConversationId, clock.GetUtcNow()), token);
                var found = await profiles.GetProfilesAsync([member.UserId], token);
                var copy = found.Count > 0 ? found[0].ToMemberProfile() : MemberProfile.None;
                await data.TryPatchMemberProfileAsync(member.ConversationId, member.UserId, copy, token);
            });
}
