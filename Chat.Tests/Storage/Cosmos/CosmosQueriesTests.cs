using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chat.Tests.Storage.Cosmos;

public sealed class CosmosQueriesTests
{
    [Fact]
    public void MessagesBefore_UsesParametersAndTheDescendingCompositeOrder()
    {
        var query = CosmosQueries.MessagesBefore(17);

        Assert.Equal("SELECT * FROM c WHERE c.type = @type AND c.sequence < @before ORDER BY c.type ASC, c.sequence DESC", query.QueryText);
        Assert.Equal([("@type", (object)"message"), ("@before", 17L)], Parameters(query));
    }

    [Fact]
    public void MessagesAfter_UsesParametersAndTheAscendingCompositeOrder()
    {
        var query = CosmosQueries.MessagesAfter(3);

        Assert.Equal("SELECT * FROM c WHERE c.type = @type AND c.sequence > @after ORDER BY c.type ASC, c.sequence ASC", query.QueryText);
        Assert.Equal([("@type", (object)"message"), ("@after", 3L)], Parameters(query));
    }

    [Fact]
    public void UserConversations_ContinuesByParameters_WhenAfterIsGiven()
    {
        var hostile = "c' OR 1=1 --";
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(5);

        var query = CosmosQueries.UserConversations(new ConversationListPosition(at, hostile));

        Assert.DoesNotContain(hostile, query.QueryText, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY c.lastActivityAt DESC, c.conversationId DESC", query.QueryText, StringComparison.Ordinal);
        Assert.Equal([("@at", (object)"2026-11-24T10:00:00.0000005Z"), ("@conversationId", hostile)], Parameters(query));
    }

    [Fact]
    public void UserConversations_HasNoFilter_ForTheFirstPage()
    {
        var query = CosmosQueries.UserConversations(null);

        Assert.Equal("SELECT * FROM c ORDER BY c.lastActivityAt DESC, c.conversationId DESC", query.QueryText);
        Assert.Empty(Parameters(query));
    }

    [Fact]
    public void DueTypingStates_UsesParametersForTimeAndLimit()
    {
        var query = CosmosQueries.DueTypingStates(1_790_000_000_000, 200);

        Assert.Contains("c.expiresAtMs <= @now", query.QueryText, StringComparison.Ordinal);
        Assert.Contains("NOT IS_DEFINED(c.claimedUntilMs) OR IS_NULL(c.claimedUntilMs) OR c.claimedUntilMs <= @now", query.QueryText, StringComparison.Ordinal);
        Assert.Equal([("@limit", (object)200), ("@now", 1_790_000_000_000L)], Parameters(query));
    }

    [Fact]
    public void AdvancePosition_ConditionsOnReadAndDelivered_WhenReadPassesDelivered()
    {
        var patch = CosmosQueries.AdvancePosition(2, "bob", PositionKind.Read, 17, DateTimeOffset.UnixEpoch, deliveredSequence: 10);

        Assert.Equal(
            "FROM c WHERE c.participants[2].userId = \"bob\" AND c.participants[2].readSequence < 17 AND c.participants[2].deliveredSequence < 17",
            patch.FilterPredicate);
        Assert.Equal(
            ["/participants/2/readSequence", "/participants/2/readAt", "/participants/2/deliveredSequence", "/participants/2/deliveredAt", "/version"],
            patch.Operations.Select(o => o.Path));
        Assert.All(patch.Operations.SkipLast(1), o => Assert.Equal(PatchOperationType.Set, o.OperationType));
        Assert.Equal(PatchOperationType.Increment, patch.Operations[^1].OperationType);
    }

    [Fact]
    public void AdvancePosition_LeavesDeliveredAlone_WhenItIsAlreadyAhead()
    {
        var patch = CosmosQueries.AdvancePosition(0, "bob", PositionKind.Read, 5, DateTimeOffset.UnixEpoch, deliveredSequence: 9);

        Assert.Equal("FROM c WHERE c.participants[0].userId = \"bob\" AND c.participants[0].readSequence < 5", patch.FilterPredicate);
        Assert.Equal(["/participants/0/readSequence", "/participants/0/readAt", "/version"], patch.Operations.Select(o => o.Path));
    }

    [Fact]
    public void AdvancePosition_ConditionsOnDeliveredOnly_ForDelivered()
    {
        var patch = CosmosQueries.AdvancePosition(1, "bob", PositionKind.Delivered, 8, DateTimeOffset.UnixEpoch, deliveredSequence: 3);

        Assert.Equal("FROM c WHERE c.participants[1].userId = \"bob\" AND c.participants[1].deliveredSequence < 8", patch.FilterPredicate);
        Assert.Equal(["/participants/1/deliveredSequence", "/participants/1/deliveredAt", "/version"], patch.Operations.Select(o => o.Path));
    }

    [Theory]
    [InlineData("o'brien\" OR true OR \"")]
    [InlineData("a\\\" OR 1=1")]
    [InlineData("auth0|x'--")]
    public void AdvancePosition_EscapesTheUserId_WhenItHasQuotesOrBackslashes(string userId)
    {
        var patch = CosmosQueries.AdvancePosition(0, userId, PositionKind.Read, 1, DateTimeOffset.UnixEpoch, 0);

        var literal = patch.FilterPredicate["FROM c WHERE c.participants[0].userId = ".Length..patch.FilterPredicate.IndexOf(" AND ", StringComparison.Ordinal)];
        Assert.StartsWith("\"", literal, StringComparison.Ordinal);
        Assert.EndsWith("\"", literal, StringComparison.Ordinal);
        Assert.DoesNotContain('\'', literal);
        Assert.DoesNotContain('"', literal[1..^1]);
        Assert.Equal(userId, System.Text.Json.JsonSerializer.Deserialize<string>(literal));
    }

    private static List<(string Name, object Value)> Parameters(QueryDefinition query) =>
        query.GetQueryParameters().Select(p => (p.Name, p.Value)).ToList();
}
