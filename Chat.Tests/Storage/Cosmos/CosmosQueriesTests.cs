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
    public void UserConversations_PassesEveryFilterAsAParameter_AndOrdersOnTheFolderComposite()
    {
        var hostile = "c' OR 1=1 --";
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(5);

        var query = CosmosQueries.UserConversations(
            new ListQuery(ListFolder.Archived, Key: hostile, Metadata: new(hostile, hostile)), new ConversationListPosition(at, hostile));

        Assert.DoesNotContain(hostile, query.QueryText, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY c.folder ASC, c.lastActivityAt DESC, c.conversationId DESC", query.QueryText, StringComparison.Ordinal);
        Assert.Equal(
            [("@folder", (object)"archived"), ("@key", hostile), ("@metadataName", hostile), ("@metadataValue", hostile),
             ("@at", "2026-11-24T10:00:00.0000005Z"), ("@conversationId", hostile)],
            Parameters(query));
    }

    [Fact]
    public void UserConversations_FiltersOnlyTheFolder_ForAPlainFirstPage()
    {
        var query = CosmosQueries.UserConversations(ListQuery.Inbox, null);

        Assert.Equal("SELECT * FROM c WHERE c.folder = @folder ORDER BY c.folder ASC, c.lastActivityAt DESC, c.conversationId DESC", query.QueryText);
        Assert.Equal([("@folder", (object)"inbox")], Parameters(query));
    }

    [Fact]
    public void ListChanges_ContinuesByKeysetParameters_InSyncOrder()
    {
        var hostile = "x\" OR 1=1";
        var query = CosmosQueries.ListChanges(new SyncPosition(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), hostile));

        Assert.DoesNotContain(hostile, query.QueryText, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY c.syncAt ASC, c.conversationId ASC", query.QueryText, StringComparison.Ordinal);
        Assert.Equal([("@at", (object)"2026-11-24T12:00:00.0000000Z"), ("@conversationId", hostile)], Parameters(query));
    }

    [Fact]
    public void ChangesAfter_OrdersByTheChangePosition()
    {
        var query = CosmosQueries.ChangesAfter(41);

        Assert.Equal("SELECT * FROM c WHERE c.change > @after ORDER BY c.change ASC", query.QueryText);
        Assert.Equal([("@after", (object)41L)], Parameters(query));
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
    public void AdvanceRead_ConditionsOnAnActiveMemberBelowTheSequence_AndBumpsTheViewVersion()
    {
        var patch = CosmosQueries.AdvanceRead(42, DateTimeOffset.UnixEpoch);

        Assert.Equal("FROM c WHERE c.state = \"active\" AND c.readSequence < 42", patch.FilterPredicate);
        Assert.Equal(["/readSequence", "/readAt", "/readByReceipt", "/viewVersion"], patch.Operations.Select(o => o.Path));
        Assert.Equal(PatchOperationType.Increment, patch.Operations[3].OperationType);
    }

    [Fact]
    public void AdvanceDelivered_ConditionsOnTheDeliveryBelowTheSequence()
    {
        var patch = CosmosQueries.AdvanceDelivered(7, DateTimeOffset.UnixEpoch);

        Assert.Equal("FROM c WHERE c.deliveredSequence < 7", patch.FilterPredicate);
        Assert.Equal(["/deliveredSequence", "/deliveredAt"], patch.Operations.Select(o => o.Path));
    }

    [Fact]
    public void ListEntry_WritesTenPaths_UnderTheVersionOrderPredicate()
    {
        var entry = new Chat.Shared.Storage.Cosmos.Documents.UserConversationDocument { ConversationVersion = 57, MemberVersion = 9 };

        var patch = CosmosQueries.ListEntry(entry);

        Assert.Equal("FROM c WHERE c.cv < 57 OR (c.cv = 57 AND c.mv < 9)", patch.FilterPredicate);
        Assert.Equal(10, patch.Operations.Count);
        Assert.Equal(10, patch.Operations.Select(o => o.Path).Distinct().Count());
    }

    [Fact]
    public void UpdateMembership_PatchesOnlyMembershipFields_AndNeverTheReadPosition()
    {
        var member = new Member { ConversationId = "c", UserId = "u", JoinedAt = DateTimeOffset.UnixEpoch, ReadSequence = 99, State = MemberState.Left };

        var operations = CosmosQueries.UpdateMembership(new MemberWrite(member, MemberWriteKind.UpdateMembership), TimeSpan.FromDays(30));

        Assert.DoesNotContain(operations, o => o.Path is "/readSequence" or "/readAt" or "/mutedUntil" or "/archived");
        Assert.Contains(operations, o => o.Path == "/viewVersion" && o.OperationType == PatchOperationType.Increment);
    }

    private static List<(string Name, object Value)> Parameters(QueryDefinition query) =>
        query.GetQueryParameters().Select(p => (p.Name, p.Value)).ToList();
}
