using Chat.TestSupport;

namespace Chat.Tests.Performance;

/// <summary>
/// The cost budgets of SPEC section 5, asserted on exact counts (the same table the benchmark prints) for groups of
/// 2, 10 and 100 members: a send is two round trips whatever the group; a receipt writes one small document and
/// never the conversation; the projection writes one entry per member whose view changed; one SignalR message per
/// conversation event; presence costs a fixed number of requests per connection event and one ReadMany per view.
/// </summary>
public class CostBudgetTests
{
    public static TheoryData<int> GroupSizes() => [.. CostTable.GroupSizes];

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Send_TwoRoundTrips_OneGroupMessage_OneProjectionWritePerMember(int members)
    {
        var send = Row(await CostTable.MeasureAsync(members), "send");

        Assert.Equal(2, send.Requests);
        Assert.Equal(3, send.DocumentsWritten);
        Assert.Equal(1, send.RealtimeMessages);
        Assert.Equal(members, send.ProjectionWrites);
        Assert.Equal(members + 1, send.ProjectionRequests);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_ReadReceipt_WritesOneSmallDocument_AndOnlyTheReadersListEntry(int members)
    {
        var read = Row(await CostTable.MeasureAsync(members), "read receipt");

        Assert.Equal(2, read.Requests);
        Assert.Equal(1, read.DocumentsWritten);
        Assert.True(read.LargestDocumentBytes <= 2048, $"A receipt wrote {read.LargestDocumentBytes} bytes.");
        Assert.Equal(1, read.ProjectionWrites);
        Assert.Equal(2, read.RealtimeMessages);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_DeliveryReceipt_WritesOneSmallDocument_AndNoListEntry(int members)
    {
        var delivered = Row(await CostTable.MeasureAsync(members), "delivery receipt");

        Assert.Equal(2, delivered.Requests);
        Assert.Equal(1, delivered.DocumentsWritten);
        Assert.True(delivered.LargestDocumentBytes <= 2048, $"A receipt wrote {delivered.LargestDocumentBytes} bytes.");
        Assert.Equal(0, delivered.ProjectionRequests);
        Assert.Equal(0, delivered.ProjectionWrites);
        Assert.Equal(1, delivered.RealtimeMessages);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Reads_HistoryAndChangesTwoRoundTrips_SyncOne_NothingWritten(int members)
    {
        var rows = await CostTable.MeasureAsync(members);

        Assert.Equal(2, Row(rows, "history page (50)").Requests);
        Assert.Equal(2, Row(rows, "changes page").Requests);
        Assert.Equal(1, Row(rows, "sync").Requests);
        Assert.All(rows.Where(r => r.Operation is "history page (50)" or "changes page" or "sync"), r => Assert.Equal(0, r.DocumentsWritten));
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_ConversationEvents_OneSignalRMessageWhateverTheGroupSize(int members)
    {
        var rows = await CostTable.MeasureAsync(members);

        foreach (var operation in new[] { "send", "edit", "reaction", "typing" })
        {
            Assert.True(Row(rows, operation).RealtimeMessages == 1, $"{operation} in a group of {members}: {Row(rows, operation).RealtimeMessages} SignalR messages");
        }

        Assert.Equal(3, Row(rows, "typing").Requests);
        Assert.Equal(0, Row(rows, "typing").ProjectionWrites);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Presence_ConversationView_OneMoreRequest_ReadingOnePresenceDocumentPerMember(int members)
    {
        var view = Row(await CostTable.MeasureAsync(members), "conversation get");

        Assert.Equal(2, view.Requests);
        Assert.Equal(members, view.PresenceDocumentsRead);
        Assert.Equal(0, view.DocumentsWritten);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Membership_OneBatch_SignalROperationsIndependentOfTheGroupSize(int members)
    {
        var rows = await CostTable.MeasureAsync(members);
        var small = await CostTable.MeasureAsync(CostTable.GroupSizes[0]);

        foreach (var operation in new[] { "add member", "remove member" })
        {
            var row = Row(rows, operation);
            Assert.Equal(2, row.Requests);
            Assert.Equal(Row(small, operation).RealtimeMessages, row.RealtimeMessages);
            Assert.True(row.RealtimeMessages <= 5, $"{operation}: {row.RealtimeMessages} SignalR operations");
        }

        var mute = Row(rows, "mute (me)");
        Assert.Equal((1, 1), (mute.DocumentsWritten, mute.ProjectionWrites));
        Assert.True(mute.LargestDocumentBytes <= 2048, $"mute wrote {mute.LargestDocumentBytes} bytes");
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Presence_Get_TwoRequests_ReadingOnlyTheUsersAskedAbout(int members)
    {
        var get = Row(await CostTable.MeasureAsync(members), "presence get");

        Assert.Equal(2, get.Requests);
        Assert.Equal(members - 1, get.PresenceDocumentsRead);
        Assert.Equal(0, get.DocumentsWritten);
    }

    /// <summary>
    /// A connection event costs the same whatever the group: a point read and one small write; a connect also reads the
    /// user's active conversations (one query in their partition) and joins the connection to each one's group, and a
    /// change of presence sends one message per conversation of the user (the measured user is in one conversation).
    /// </summary>
    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Presence_ConnectionEvents_DoNotGrowWithTheGroup_AndAnnounceOnlyChanges(int members)
    {
        var rows = await CostTable.MeasureAsync(members);

        foreach (var quiet in new[] { "disconnect (1 of 2)", "disconnect (last)" })
        {
            var row = Row(rows, quiet);
            Assert.Equal((2L, 1L, 0), (row.Requests, row.DocumentsWritten, row.RealtimeMessages));
            Assert.True(row.LargestDocumentBytes <= 1024, $"{quiet} wrote {row.LargestDocumentBytes} bytes.");
        }

        var second = Row(rows, "connect (2nd device)");
        Assert.Equal((3L, 1L, 1), (second.Requests, second.DocumentsWritten, second.RealtimeMessages));
        var first = Row(rows, "connect (1st device)");
        Assert.Equal((3L, 1L, 2), (first.Requests, first.DocumentsWritten, first.RealtimeMessages));
        var offline = Row(rows, "sweep: went offline");
        Assert.Equal((3L, 1L, 1), (offline.Requests, offline.DocumentsWritten, offline.RealtimeMessages));

        Assert.All(rows.Where(r => r.Operation.StartsWith("connect", StringComparison.Ordinal) || r.Operation.StartsWith("disconnect", StringComparison.Ordinal)),
            r => Assert.Equal(0, r.ProjectionWrites));
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Cost_Presence_LeaseRenewal_OneWritePerOpenConnection_AndNoMessage(int members)
    {
        var renewal = Row(await CostTable.MeasureAsync(members), "sweep: leases renewed");

        Assert.Equal(1 + members, renewal.Requests);
        Assert.Equal(members, renewal.DocumentsWritten);
        Assert.Equal(0, renewal.RealtimeMessages);
    }

    private static CostRow Row(IReadOnlyList<CostRow> rows, string operation) => Assert.Single(rows, r => r.Operation == operation);
}
