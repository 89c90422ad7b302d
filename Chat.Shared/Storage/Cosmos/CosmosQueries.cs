using System.Globalization;
using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos.Documents;
using Microsoft.Azure.Cosmos;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// Every query and patch condition the stores send. Values from requests travel as query parameters; the one
/// place that cannot take parameters (a patch filter predicate) gets numbers and JSON-escaped string literals only.
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

    /// <summary>
    /// A page of a user's list (run in the user's partition), most recent activity first, keyset-continued after
    /// <paramref name="after"/>: composite index (lastActivityAt DESC, conversationId DESC).
    /// </summary>
    public static QueryDefinition UserConversations(ConversationListPosition? after)
    {
        if (after is null)
        {
            return new QueryDefinition("SELECT * FROM c ORDER BY c.lastActivityAt DESC, c.conversationId DESC");
        }

        return new QueryDefinition(
                "SELECT * FROM c WHERE c.lastActivityAt < @at OR (c.lastActivityAt = @at AND c.conversationId < @conversationId) "
                + "ORDER BY c.lastActivityAt DESC, c.conversationId DESC")
            .WithParameter("@at", CosmosJson.FormatTimestamp(after.LastActivityAt))
            .WithParameter("@conversationId", after.ConversationId);
    }

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

    /// <summary>The user's entries with unread messages (run in the user's partition; range index on unreadCount).</summary>
    public static QueryDefinition UnreadConversations() =>
        new("SELECT * FROM c WHERE c.unreadCount > 0");

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
    /// The patch that moves participant <paramref name="index"/> forward to <paramref name="sequence"/>, with the
    /// filter predicate that makes it conditional on the stored document: the entry still belongs to
    /// <paramref name="userId"/> and the position is still below <paramref name="sequence"/>. Read also moves
    /// delivered up when <paramref name="deliveredSequence"/> (as read) is lower, under the matching condition.
    /// </summary>
    public static PositionPatch AdvancePosition(
        int index, string userId, PositionKind kind, long sequence, DateTimeOffset at, long deliveredSequence)
    {
        var entry = $"c.participants[{index.ToString(CultureInfo.InvariantCulture)}]";
        var path = $"/participants/{index.ToString(CultureInfo.InvariantCulture)}";
        var seq = sequence.ToString(CultureInfo.InvariantCulture);
        var conditions = new List<string> { $"{entry}.userId = {StringLiteral(userId)}" };
        var operations = new List<PatchOperation>();

        if (kind == PositionKind.Read)
        {
            conditions.Add($"{entry}.readSequence < {seq}");
            operations.Add(PatchOperation.Set($"{path}/readSequence", sequence));
            operations.Add(PatchOperation.Set($"{path}/readAt", at));
        }

        if (kind == PositionKind.Delivered || deliveredSequence < sequence)
        {
            conditions.Add($"{entry}.deliveredSequence < {seq}");
            operations.Add(PatchOperation.Set($"{path}/deliveredSequence", sequence));
            operations.Add(PatchOperation.Set($"{path}/deliveredAt", at));
        }

        operations.Add(PatchOperation.Increment("/version", 1));
        return new PositionPatch($"FROM c WHERE {string.Join(" AND ", conditions)}", operations);
    }

    /// <summary>
    /// A Cosmos DB SQL string literal for any string: JSON string syntax with every quote, backslash, control and
    /// non-ASCII character escaped as <c>\uXXXX</c> or <c>\\</c>, both of which Cosmos DB SQL accepts.
    /// </summary>
    public static string StringLiteral(string value) => JsonSerializer.Serialize(value);
}

/// <summary>A conditional patch: the filter predicate (a FROM clause) and the operations.</summary>
public sealed record PositionPatch(string FilterPredicate, IReadOnlyList<PatchOperation> Operations);
