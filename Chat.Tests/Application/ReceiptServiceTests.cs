using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class ReceiptServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MarkRead_WithoutMessageId_ReadsUpToLatest_AndClearsUnread()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);

        var read = await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);

        Assert.Equal(2, read.Value.ReadSequence);
        await h.ProjectAsync();
        Assert.Equal(0, (await h.Conversations.GetUnreadAsync(Bob, None)).Total);
        var e = Assert.Single(read.Events);
        Assert.Equal(EventTargets.MessagesRead, e.Target);
        Assert.Equal(EventAudience.Conversation(id), e.Audience);
        Assert.Equal(new MessagesReadEvent(id, "bob", 2, h.Clock.GetUtcNow()), e.Payload);
    }

    [Fact]
    public async Task MarkRead_UpToAMessage_LeavesLaterOnesUnread()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);

        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(first.Id), None);
        await h.ProjectAsync();

        Assert.Equal(2, (await h.Conversations.GetUnreadAsync(Bob, None)).Total);
    }

    [Fact]
    public async Task MarkRead_OlderPosition_IsANoOp_WithoutEventsOrWrites()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        var snapshot = h.Store.Snapshot();

        var older = await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(first.Id), None);

        Assert.Empty(older.Events);
        Assert.Equal(2, older.Value.ReadSequence);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task MarkRead_WritesOneDocument_NoMatterHowManyMessagesItCovers()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        for (var i = 0; i < 50; i++)
        {
            await h.SendTextAsync(Alice, id);
        }

        h.Store.Calls.Clear();
        var before = h.Store.Metrics.Take();

        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);

        var cost = h.Store.Metrics.Take() - before;
        Assert.Equal(1, h.Store.Calls["TryAdvanceReadAsync"]);
        Assert.False(h.Store.Calls.ContainsKey("TryCommitAsync"));
        Assert.Equal(2, h.Store.Calls.Values.Sum());
        Assert.Equal((2L, 1L), (cost.Requests, cost.DocumentsWritten));
    }

    [Fact]
    public async Task MarkRead_AlsoMovesDeliveryPosition()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);

        var read = await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);

        Assert.Equal(1, read.Value.DeliveredSequence);
    }

    [Fact]
    public async Task MarkDelivered_MovesForwardOnly_AndNotifiesAll()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.SendTextAsync(Alice, id);
        var second = await h.SendTextAsync(Alice, id);

        var delivered = await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(second.Id), None);
        var back = await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(first.Id), None);

        Assert.Equal(2, delivered.Value.DeliveredSequence);
        Assert.Equal(0, delivered.Value.ReadSequence);
        Assert.Equal(new MessagesDeliveredEvent(id, "bob", 2, h.Clock.GetUtcNow()), Assert.Single(delivered.Events).Payload);
        Assert.Empty(back.Events);
        Assert.Equal(2, back.Value.DeliveredSequence);
    }

    [Fact]
    public async Task MarkDelivered_RequiresMessageId()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(), None));

        Assert.Equal(ErrorCodes.InvalidId, error.Error.Code);
    }

    [Fact]
    public async Task Mark_UnknownMessage_IsNotFound_AndNonParticipant_IsNotFound()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);

        var unknown = await Assert.ThrowsAsync<ChatException>(() => h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest("m_missing"), None));
        var outsider = await Assert.ThrowsAsync<ChatException>(() => h.Receipts.MarkReadAsync(Mallory, id, new MarkPositionRequest(sent.Id), None));
        var outsiderDelivered = await Assert.ThrowsAsync<ChatException>(() => h.Receipts.MarkDeliveredAsync(Mallory, id, new MarkPositionRequest(sent.Id), None));

        Assert.Equal(ErrorCodes.MessageNotFound, unknown.Error.Code);
        Assert.Equal(ErrorCodes.ConversationNotFound, outsider.Error.Code);
        Assert.Equal(ErrorCodes.ConversationNotFound, outsiderDelivered.Error.Code);
    }

    [Fact]
    public async Task Status_GoesSentDeliveredRead_OnlyWhenEveryOtherParticipantGotThere()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var sent = await h.SendTextAsync(Alice, id);

        async Task<MessageStatus?> StatusForAlice() =>
            (await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None)).Items.Single().Status;

        Assert.Equal(MessageStatus.Sent, await StatusForAlice());
        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(sent.Id), None);
        Assert.Equal(MessageStatus.Sent, await StatusForAlice());
        await h.Receipts.MarkDeliveredAsync(Carol, id, new MarkPositionRequest(sent.Id), None);
        Assert.Equal(MessageStatus.Delivered, await StatusForAlice());
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        Assert.Equal(MessageStatus.Delivered, await StatusForAlice());
        await h.Receipts.MarkReadAsync(Carol, id, new MarkPositionRequest(), None);
        Assert.Equal(MessageStatus.Read, await StatusForAlice());
    }

    [Fact]
    public async Task MarkRead_ConcurrentReceipts_NeverMovePositionBackwards()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        for (var i = 0; i < 20; i++)
        {
            await h.SendTextAsync(Alice, id);
        }

        var marks = Enumerable.Range(1, 20).Reverse()
            .Select(async seq =>
            {
                var message = h.Store.AllMessages(id).Single(m => m.Sequence == seq);
                await Task.Yield();
                return await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(message.Id), None);
            })
            .ToList();
        await Task.WhenAll(marks);

        var bob = (await h.Conversations.GetAsync(Bob, id, None)).Participants.Single(p => p.UserId == "bob");
        Assert.Equal(20, bob.ReadSequence);
    }

    [Fact]
    public async Task MarkRead_RacingSends_KeepsEverySendAndMovesOnlyForward()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var sends = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await h.Messages.SendAsync(Alice, id, new SendMessageRequest($"s{i}", $"m{i}"), None);
            }
        });
        var reads = Task.Run(async () =>
        {
            var seen = new List<long>();
            while (!sends.IsCompleted)
            {
                seen.Add((await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None)).Value.ReadSequence);
            }

            return seen;
        });
        await sends;
        var seen = await reads;
        var final = await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);

        Assert.Equal(100, h.Store.AllMessages(id).Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(100, final.Value.ReadSequence);
        Assert.Equal(0, (await h.Conversations.GetUnreadAsync(Bob, None)).Total);
    }
}
