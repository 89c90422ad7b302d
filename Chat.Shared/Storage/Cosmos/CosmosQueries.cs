using System.Globalization;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Every query, patch and filter predicate the stores send. Values from requests travel as query parameters; the one
/// place that cannot take parameters (a patch filter predicate) holds numbers and fixed enum literals only.
/// Each predicate encodes a rule decided on the domain model (named beside it); the store contract suite runs the
/// same cases against the in-memory double and Cosmos DB so the two cannot drift.
/// </summary>
public static class CosmosQueries
{
    /// <summary>Newest messages below <paramref name="before"/>, newest first: composite index (type ASC, sequence DESC).</summary>
    public static QueryDefinition MessagesBefore(long before) =>
        new QueryDefinition(
                "SELECT * FROM c WHERE c.type = @type AND c.sequence < @before ORDER BY c.type ASC, c.sequence DESC")
            .WithParameter("@type", DocumentTypes.Message)
            .WithParameter("@before", before);

    /// <summary>Oldest messages above <paramref name="after"/>, oldest first: composite index (type ASC, sequence ASC).</summary>
    public static QueryDefinition MessagesAfter(long after) =>
        new QueryDefinition(
                "SELECT * FROM c WHERE c.type = @type AND c.sequence > @after ORDER BY c.type ASC, c.sequence ASC")
            .WithParameter("@type", DocumentTypes.Message)
            .WithParameter("@after", after);

    /// <summary>The conversation, member and delivery documents of a conversation (range index on type).</summary>
    public static QueryDefinition State() =>
        new QueryDefinition("SELECT * FROM c WHERE c.type IN (@conversation, @member, @delivery)")
            .WithParameter("@conversation", DocumentTypes.Conversation)
            .WithParameter("@member", DocumentTypes.Member)
            .WithParameter("@delivery", DocumentTypes.Delivery);

    /// <summary>The documents whose latest change position is above <paramref name="after"/>, in change order (range index on change).</summary>
    public static QueryDefinition ChangesAfter(long after) =>
        new QueryDefinition("SELECT * FROM c WHERE c.change > @after ORDER BY c.change ASC")
            .WithParameter("@after", after);

    /// <summary>
    /// A page of a user's list in one folder (run in the user's partition), most recent activity first, keyset-continued
    /// after <paramref name="after"/>: composite index (folder ASC, lastActivityAt DESC, conversationId DESC).
    /// </summary>
    public static QueryDefinition UserConversations(ListQuery query, ConversationListPosition? after)
    {
        var conditions = new List<string> { "c.folder = @folder" };
        if (query.Key is not null)
        {
            conditions.Add("c.key = @key");
        }

        if (query.Metadata is not null)
        {
            conditions.Add("c.metadata[@metadataName] = @metadataValue");
        }

        if (after is not null)
        {
            conditions.Add("(c.lastActivityAt < @at OR (c.lastActivityAt = @at AND c.conversationId < @conversationId))");
        }

        var definition = new QueryDefinition(
                $"SELECT * FROM c WHERE {string.Join(" AND ", conditions)} ORDER BY c.folder ASC, c.lastActivityAt DESC, c.conversationId DESC")
            .WithParameter("@folder", StoredName(query.Folder));
        if (query.Key is not null)
        {
            definition = definition.WithParameter("@key", query.Key);
        }

        if (query.Metadata is { } metadata)
        {
            definition = definition.WithParameter("@metadataName", metadata.Key).WithParameter("@metadataValue", metadata.Value);
        }

        return after is null
            ? definition
            : definition.WithParameter("@at", CosmosJson.FormatTimestamp(after.LastActivityAt)).WithParameter("@conversationId", after.ConversationId);
    }

    /// <summary>The user's entries with unread messages, in any folder but left (run in the user's partition; range index on unreadCount).</summary>
    public static QueryDefinition UnreadConversations() =>
        new QueryDefinition("SELECT * FROM c WHERE c.unreadCount > 0 AND c.folder != @left")
            .WithParameter("@left", StoredName(ListFolder.Left));

    /// <summary>
    /// The user's entries written after a position of their sync order, oldest first (run in the user's partition):
    /// composite index (syncAt ASC, conversationId ASC).
    /// </summary>
    public static QueryDefinition ListChanges(SyncPosition after) =>
        new QueryDefinition(
                "SELECT * FROM c WHERE c.syncAt > @at OR (c.syncAt = @at AND c.conversationId > @conversationId) "
                + "ORDER BY c.syncAt ASC, c.conversationId ASC")
            .WithParameter("@at", CosmosJson.FormatTimestamp(after.SyncAt))
            .WithParameter("@conversationId", after.ConversationId);

    /// <summary>
    /// Reservations no message used whose upload URL expired before the cutoff, oldest first (cross-partition: the
    /// upload sweep's timer path only; range index on uploadExpiresAt and messageId).
    /// </summary>
    public static QueryDefinition AbandonedAttachments(DateTimeOffset uploadExpiredBefore, int limit) =>
        new QueryDefinition(
                "SELECT TOP @limit * FROM c WHERE c.type = @type AND c.uploadExpiresAt < @before "
                + "AND (NOT IS_DEFINED(c.messageId) OR IS_NULL(c.messageId)) ORDER BY c.uploadExpiresAt ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@type", DocumentTypes.Attachment)
            .WithParameter("@before", CosmosJson.FormatTimestamp(uploadExpiredBefore));

    /// <summary>
    /// Typing states due at <paramref name="nowMs"/> with no live claim, across partitions: the timer's sweep only,
    /// never an HTTP path. The container holds only people typing now, so the cost follows them.
    /// </summary>
    public static QueryDefinition DueTypingStates(long nowMs, int limit) =>
        new QueryDefinition(
                "SELECT TOP @limit * FROM c WHERE c.expiresAtMs <= @now "
                + "AND (NOT IS_DEFINED(c.claimedUntilMs) OR IS_NULL(c.claimedUntilMs) OR c.claimedUntilMs <= @now) "
                + "ORDER BY c.expiresAtMs ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@now", nowMs);

    /// <summary>
    /// The conversations of a user's list entries in any folder but left (run in the user's partition; range index on
    /// folder): where the user's presence changes go.
    /// </summary>
    public static QueryDefinition ActiveConversationIds() =>
        new QueryDefinition("SELECT VALUE c.conversationId FROM c WHERE c.folder != @left")
            .WithParameter("@left", StoredName(ListFolder.Left));

    /// <summary>
    /// Those of <paramref name="candidateIds"/> among the participants of a user's list entries in any folder but left
    /// (run in the user's partition). The range index on folder picks the entries; the participant lists are not indexed
    /// (indexing them would cost every projection write of every member), so the query reads the user's active entries:
    /// its cost follows the user's own conversations, never the number of users.
    /// </summary>
    public static QueryDefinition SharedUsers(IReadOnlyCollection<string> candidateIds) =>
        new QueryDefinition(
                "SELECT DISTINCT VALUE p FROM c JOIN p IN c.summary.participantIds WHERE c.folder != @left AND ARRAY_CONTAINS(@candidates, p)")
            .WithParameter("@left", StoredName(ListFolder.Left))
            .WithParameter("@candidates", candidateIds);

    /// <summary>
    /// Presence states the sweep must look at by <paramref name="nowMs"/>, earliest first, across partitions: the presence
    /// sweep's timer path only, never an HTTP path. Only states with an open connection or a running offline grace carry
    /// <c>dueAtMs</c>, so the cost follows them.
    /// </summary>
    public static QueryDefinition DuePresence(long nowMs, int limit) =>
        new QueryDefinition("SELECT TOP @limit * FROM c WHERE c.dueAtMs <= @now ORDER BY c.dueAtMs ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@now", nowMs);

    /// <summary>
    /// Conversations whose notifications are due and unclaimed (the notification sweep, across partitions), earliest
    /// first: range indexes on <c>dueAtMs</c> and <c>claimedUntilMs</c>; states with nothing pending have no
    /// <c>dueAtMs</c> and are not read.
    /// </summary>
    public static QueryDefinition DueNotifications(long nowMs, int limit) =>
        new QueryDefinition(
                "SELECT TOP @limit * FROM c WHERE c.dueAtMs <= @now "
                + "AND (NOT IS_DEFINED(c.claimedUntilMs) OR IS_NULL(c.claimedUntilMs) OR c.claimedUntilMs <= @now) "
                + "ORDER BY c.dueAtMs ASC")
            .WithParameter("@limit", limit)
            .WithParameter("@now", nowMs);

    /// <summary>
    /// A read receipt: the read position moves forward only (<see cref="Member.ReadSequence"/> below the new one), only
    /// for an active member, and the member's view version grows; it is marked as moved by a receipt
    /// (<see cref="Member.ReadByReceipt"/>).
    /// </summary>
    public static ConditionalPatch AdvanceRead(long sequence, DateTimeOffset at) => new(
        $"FROM c WHERE c.state = {EnumValue(MemberState.Active)} AND c.readSequence < {Number(sequence)}",
        [
            PatchOperation.Set("/readSequence", sequence),
            PatchOperation.Set("/readAt", at),
            PatchOperation.Set("/readByReceipt", true),
            PatchOperation.Increment("/viewVersion", 1),
        ]);

    /// <summary>A delivery receipt: the delivery position moves forward only.</summary>
    public static ConditionalPatch AdvanceDelivered(long sequence, DateTimeOffset at) => new(
        $"FROM c WHERE c.deliveredSequence < {Number(sequence)}",
        [
            PatchOperation.Set("/deliveredSequence", sequence),
            PatchOperation.Set("/deliveredAt", at),
        ]);

    /// <summary>An active member's own settings; the view version grows.</summary>
    public static ConditionalPatch Settings(MemberSettings settings)
    {
        var operations = new List<PatchOperation>();
        if (settings.Muted is { } muted)
        {
            operations.Add(PatchOperation.Set("/mutedUntil", muted.Until));
        }

        if (settings.Archived is { } archived)
        {
            operations.Add(PatchOperation.Set("/archived", archived.Archived));
            operations.Add(PatchOperation.Set("/archivedAtSequence", archived.AtSequence));
        }

        operations.Add(PatchOperation.Increment("/viewVersion", 1));
        return new ConditionalPatch($"FROM c WHERE c.state = {EnumValue(MemberState.Active)}", operations);
    }

    /// <summary>
    /// A membership change of an existing member (role, leaving, removal): only the membership fields, so a concurrent
    /// receipt or settings change is never lost; the view version grows on the server.
    /// </summary>
    public static IReadOnlyList<PatchOperation> UpdateMembership(MemberWrite write, TimeSpan retention)
    {
        var member = write.Member;
        var operations = new List<PatchOperation>
        {
            PatchOperation.Set("/role", member.Role),
            PatchOperation.Set("/state", member.State),
            PatchOperation.Set("/leftAt", member.LeftAt),
            PatchOperation.Set("/removedBy", member.RemovedBy),
            PatchOperation.Set("/change", member.Change),
            PatchOperation.Set("/ttl", CosmosDocuments.MemberTtl(member.State, retention)),
            PatchOperation.Increment("/viewVersion", 1),
        };
        if (write.WithReadPosition)
        {
            operations.Add(PatchOperation.Set("/readSequence", member.ReadSequence));
            operations.Add(PatchOperation.Set("/readAt", member.ReadAt));
            operations.Add(PatchOperation.Set("/readByReceipt", false));
        }

        return operations;
    }

    /// <summary>The sender's read position moved by their send (sending counts as reading), and the name from their token.</summary>
    public static IReadOnlyList<PatchOperation> SenderRead(SenderRead read)
    {
        var operations = new List<PatchOperation>
        {
            PatchOperation.Set("/readSequence", read.Sequence),
            PatchOperation.Set("/readAt", read.At),
            PatchOperation.Set("/readByReceipt", false),
        };
        if (read.DisplayName is not null)
        {
            operations.Add(PatchOperation.Set("/displayName", read.DisplayName));
        }

        return operations;
    }

    /// <summary>
    /// A projected list entry, written over the stored one only when its version is newer
    /// (<see cref="ProjectionVersion.IsNewerThan"/>): ten operations, the most one patch takes.
    /// </summary>
    public static ConditionalPatch ListEntry(UserConversationDocument entry)
    {
        var (cv, mv) = (Number(entry.ConversationVersion), Number(entry.MemberVersion));
        return new ConditionalPatch(
            $"FROM c WHERE c.cv < {cv} OR (c.cv = {cv} AND c.mv < {mv})",
            [
                PatchOperation.Set("/folder", entry.Folder),
                PatchOperation.Set("/lastActivityAt", entry.LastActivityAt),
                PatchOperation.Set("/unreadCount", entry.UnreadCount),
                PatchOperation.Set("/syncAt", entry.SyncAt),
                PatchOperation.Set("/key", entry.Key),
                PatchOperation.Set("/metadata", entry.Metadata),
                PatchOperation.Set("/cv", entry.ConversationVersion),
                PatchOperation.Set("/mv", entry.MemberVersion),
                PatchOperation.Set("/ttl", entry.Ttl),
                PatchOperation.Set("/summary", entry.Summary),
            ]);
    }

    /// <summary>An enum value as stored (camelCase), for a query parameter.</summary>
    private static string StoredName<T>(T value)
        where T : struct, Enum => JsonSerializer.SerializeToElement(value, CosmosJson.Options).GetString()!;

    /// <summary>An enum value as stored, as a string literal for a filter predicate.</summary>
    private static string EnumValue<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, CosmosJson.Options);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A conditional patch: the filter predicate (a FROM clause) and the operations.</summary>
public sealed record ConditionalPatch(string FilterPredicate, IReadOnlyList<PatchOperation> Operations);
