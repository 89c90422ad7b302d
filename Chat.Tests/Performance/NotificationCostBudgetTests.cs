using Chat.TestSupport;

namespace Chat.Tests.Performance;

/// <summary>
/// The budgets of events to the app's backend and read-aware notifications, on exact counts (the table the benchmark
/// prints) for groups of 2, 10 and 100: the publisher writes O(1) per change whatever the group, a read receipt costs
/// it no state at all, and a due notification window costs the sweep O(1) requests plus one query of the members.
/// </summary>
public class NotificationCostBudgetTests
{
    public static TheoryData<int> GroupSizes() => [.. CostTable.GroupSizes];

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Notification_Cost_ASendWritesOneStateDocumentAndPublishesOnce_WhateverTheGroupSize(int members)
    {
        var send = Row(await EventCostTable.MeasureAsync(members), "send");

        Assert.Equal((0L, 2L, 1L, 1, 1), (send.ChatRequests, send.StateRequests, send.StateDocumentsWritten, send.PublishRequests, send.DomainEvents));
        Assert.True(send.StateBytesWritten < 1024, $"The state document is {send.StateBytesWritten} bytes.");
        Assert.Equal(members - 1, send.PerRecipientDesignWrites);
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Notification_Cost_AReadReceiptReadsAndWritesNoState(int members)
    {
        var read = Row(await EventCostTable.MeasureAsync(members), "read receipt");

        Assert.Equal((0L, 0L, 1, 1), (read.ChatRequests, read.StateRequests, read.PublishRequests, read.DomainEvents));
    }

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public async Task Notification_Cost_ADueWindowCostsTheSweepConstantRequests_AndOnePublish(int members)
    {
        var sweep = Row(await EventCostTable.MeasureAsync(members), "notification sweep (1 due window)");

        // The sender's message is due for everyone but the sender and the reader, who read it before it was due.
        Assert.Equal((1L, 3L, 2L), (sweep.ChatRequests, sweep.StateRequests, sweep.StateDocumentsWritten));
        Assert.Equal(members - 2, sweep.Notifications);
        Assert.Equal(sweep.Notifications > 0 ? 1 : 0, sweep.PublishRequests);
    }

    private static EventCostRow Row(IReadOnlyList<EventCostRow> rows, string operation) => rows.Single(r => r.Operation == operation);
}
