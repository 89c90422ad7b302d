using System.Globalization;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// The queries and conditional patches of the server API's user data: profiles, conversation references, erasures and
/// the directory, and the user-scoped look-ups in the conversation containers. As in <see cref="CosmosQueries"/>,
/// values travel as parameters, and filter predicates hold numbers only.
/// </summary>
public static class CosmosUserQueries
{
    /// <summary>The user's conversation references after a conversation id, in id order (run in the user's partition).</summary>
    public static QueryDefinition ConversationRefs(string? afterConversationId) =>
        new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.conversationId > @after ORDER BY c.conversationId ASC")
            .WithParameter("@type", DocumentTypes.ConversationRef)
            .WithParameter("@after", afterConversationId ?? string.Empty);

    /// <summary>Running erasures, least recently advanced first (cross-partition: the erasure timer only).</summary>
    public static QueryDefinition RunningErasures(int limit) =>
        new QueryDefinition("SELECT TOP @limit * FROM c WHERE c.type = @type AND c.status = @running ORDER BY c.updatedAt ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@type", DocumentTypes.Erasure)
            .WithParameter("@running", "running");

    /// <summary>
    /// Directory entries of one bucket whose name starts with the prefix, in (name, user id) order after a position (run
    /// in the bucket's partition): composite index (name ASC, userId ASC).
    /// </summary>
    public static QueryDefinition DirectorySearch(string prefix, DirectoryPosition? after)
    {
        var text = "SELECT * FROM c WHERE STARTSWITH(c.name, @prefix)"
            + (after is null ? string.Empty : " AND (c.name > @name OR (c.name = @name AND c.userId > @userId))")
            + " ORDER BY c.name ASC, c.userId ASC";
        var query = new QueryDefinition(text).WithParameter("@prefix", prefix);
        return after is null ? query : query.WithParameter("@name", after.Name).WithParameter("@userId", after.UserId);
    }

    /// <summary>
    /// The conversations in which a user has a member document, after a conversation id, in id order (cross-partition,
    /// on the userId and conversationId indexes: erasure and export only).
    /// </summary>
    public static QueryDefinition Memberships(string userId, string? afterConversationId, int limit) =>
        new QueryDefinition(
                "SELECT TOP @limit VALUE c.conversationId FROM c WHERE c.type = @member AND c.userId = @user AND c.conversationId > @after "
                + "ORDER BY c.conversationId ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@member", DocumentTypes.Member)
            .WithParameter("@user", userId)
            .WithParameter("@after", afterConversationId ?? string.Empty);

    /// <summary>A sender's messages after a sequence, oldest first (run in the conversation's partition; senderId and sequence indexes).</summary>
    public static QueryDefinition MessagesBySender(string senderId, long afterSequence) =>
        new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.senderId = @sender AND c.sequence > @after ORDER BY c.sequence ASC")
            .WithParameter("@type", DocumentTypes.Message)
            .WithParameter("@sender", senderId)
            .WithParameter("@after", afterSequence);

    /// <summary>The reservations a user made in one conversation (run in the conversation's partition).</summary>
    public static QueryDefinition AttachmentsByUploader(string uploaderId) =>
        new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND c.uploaderId = @uploader")
            .WithParameter("@type", DocumentTypes.Attachment)
            .WithParameter("@uploader", uploaderId);

    /// <summary>
    /// Every list entry of a user, most recent activity first, keyset-continued (run in the user's partition):
    /// composite index (lastActivityAt DESC, conversationId DESC).
    /// </summary>
    public static QueryDefinition AllListEntries(ConversationListPosition? after)
    {
        var text = "SELECT * FROM c"
            + (after is null ? string.Empty : " WHERE (c.lastActivityAt < @at OR (c.lastActivityAt = @at AND c.conversationId < @conversationId))")
            + " ORDER BY c.lastActivityAt DESC, c.conversationId DESC";
        var query = new QueryDefinition(text);
        return after is null
            ? query
            : query.WithParameter("@at", CosmosJson.FormatTimestamp(after.LastActivityAt)).WithParameter("@conversationId", after.ConversationId);
    }

    /// <summary>
    /// The profile copy of a member document, written only over none or an older version
    /// (<see cref="Domain.MemberProfile.Version"/>), so replays and a late fill never bring an older profile back.
    /// </summary>
    public static ConditionalPatch MemberProfile(MemberProfile profile) => new(
        $"FROM c WHERE NOT IS_DEFINED(c.profile) OR IS_NULL(c.profile) OR c.profile.version < {Number(profile.Version)}",
        [PatchOperation.Set("/profile", CosmosDocuments.ToDocument(profile))]);

    /// <summary>The profile projection finished <paramref name="version"/>: only while the profile is still at it.</summary>
    public static ConditionalPatch ProfileProjected(long version, IReadOnlyList<string> directoryBuckets) => new(
        $"FROM c WHERE c.version = {Number(version)}",
        [
            PatchOperation.Set("/projectedVersion", version),
            PatchOperation.Set("/directoryBuckets", directoryBuckets.ToList()),
        ]);

    /// <summary>A directory entry, written over the stored one only when its version is newer.</summary>
    public static ConditionalPatch DirectoryEntry(DirectoryEntryDocument entry) => new(
        $"FROM c WHERE c.version < {Number(entry.Version)}",
        [
            PatchOperation.Set("/name", entry.Name),
            PatchOperation.Set("/displayName", entry.DisplayName),
            PatchOperation.Set("/avatarUrl", entry.AvatarUrl),
            PatchOperation.Set("/version", entry.Version),
        ]);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
