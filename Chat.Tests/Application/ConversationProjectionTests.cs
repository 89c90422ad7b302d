using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class ConversationProjectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Project_GivesEachMemberTheirOwnUnreadFolderAndVersion()
    {
        var conversation = new Conversation
        {
            Id = "g_1",
            Kind = ConversationKind.Group,
            CreatedBy = "alice",
            CreatedAt = T0,
            MemberIds = ["alice", "bob"],
            LastMessage = new MessagePreview("m_7", 7, "alice", MessageType.Text, "hi", T0, false),
            LastActivityAt = T0,
            LastChange = 40,
        };
        Member Member(string id, long read) => new() { ConversationId = "g_1", UserId = id, JoinedAt = T0, ReadSequence = read, ViewVersion = 3 };

        var alice = UserConversation.Project(conversation, Member("alice", 7), T0);
        var bob = UserConversation.Project(conversation, Member("bob", 3) with { Archived = true, ArchivedAtSequence = 7 }, T0);
        var carol = UserConversation.Project(conversation, Member("carol", 0) with { Archived = true, ArchivedAtSequence = 5 }, T0);
        var left = UserConversation.Project(conversation, Member("dave", 2) with { State = MemberState.Left }, T0);

        Assert.Equal((0L, ListFolder.Inbox), (alice.UnreadCount, alice.Folder));
        Assert.Equal((4L, ListFolder.Archived), (bob.UnreadCount, bob.Folder));
        Assert.Equal((7L, ListFolder.Inbox), (carol.UnreadCount, carol.Folder));
        Assert.Equal(ListFolder.Left, left.Folder);
        Assert.Equal(new ProjectionVersion(40, 3), alice.Version);
    }

    [Fact]
    public async Task Apply_ConversationChange_WritesOneEntryPerMember_WithOneStateReadAndNoEntryReads()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "hi"), None);
        h.Store.Calls.Clear();
        var before = h.Store.Metrics.Take();

        await h.ProjectAsync();

        Assert.Equal(1, h.Store.Calls["GetStateAsync"]);
        Assert.Equal(3, h.Store.Calls["TryPutListEntryAsync"]);
        Assert.Equal(2, h.Store.Calls.Count);
        Assert.Equal(3, (h.Store.Metrics.Take() - before).ProjectionWrites);
        Assert.Equal(1, h.Store.ListEntry("bob", id)!.UnreadCount);
    }

    [Fact]
    public async Task Apply_ReadReceipt_WritesOnlyTheReadersEntry_AndADeliveryReceiptNothing()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var sent = await h.SendTextAsync(Alice, id);
        var before = h.Store.Metrics.Take();

        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(sent.Id), None);
        var afterDelivery = await h.ProjectAsync();
        var deliveryCost = h.Store.Metrics.Take() - before;
        await h.Receipts.MarkReadAsync(Carol, id, new MarkPositionRequest(), None);
        var mid = h.Store.Metrics.Take();
        var afterRead = await h.ProjectAsync();
        var readCost = h.Store.Metrics.Take() - mid;

        Assert.Equal(0, deliveryCost.ProjectionWrites);
        Assert.Empty(afterDelivery);
        Assert.Equal(1, readCost.ProjectionWrites);
        var updated = Assert.Single(afterRead);
        Assert.Equal(EventAudience.User("carol"), updated.Audience);
        Assert.Equal(0, Assert.IsType<ConversationSummaryDto>(updated.Payload).UnreadCount);
        Assert.Equal(1, h.Store.ListEntry("bob", id)!.UnreadCount);
    }

    [Fact]
    public async Task Apply_EditOfAnOlderMessage_RewritesEachMembersEntry_SoSyncTellsThemToCatchUp()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var older = await h.SendTextAsync(Alice, id, "teh");
        await h.SendTextAsync(Alice, id, "latest");
        h.Clock.Advance(h.Options.Sync.ClockMargin + TimeSpan.FromSeconds(1));
        var token = (await h.Sync.GetSyncAsync(Bob, new SyncRequest(), None)).Token;

        await h.Messages.EditAsync(Alice, id, older.Id, new EditMessageRequest("the"), None);
        var before = h.Store.Metrics.Take();
        var events = await h.ProjectAsync();
        var synced = await h.Sync.GetSyncAsync(Bob, new SyncRequest(token), None);

        Assert.Equal(2, (h.Store.Metrics.Take() - before).ProjectionWrites);
        Assert.Empty(events);
        Assert.Equal([id], synced.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Apply_NewMessage_AnnouncesNoConversationUpdated_ButAReadOnAnotherDeviceDoes()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "hi"), None);
        var afterSend = await h.ProjectAsync();
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        var afterRead = await h.ProjectAsync();

        Assert.Empty(afterSend);
        Assert.Equal([EventAudience.User("bob")], afterRead.Select(e => e.Audience));
        Assert.All(afterRead, e => Assert.Equal(EventTargets.ConversationUpdated, e.Target));
    }

    [Fact]
    public async Task Apply_ReplayedAndDuplicatedChanges_ConvergeAndWriteNothingTheSecondTime()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "one"), None);
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        var changes = h.Store.DrainFeed();
        await h.Projector.ApplyAsync(changes, None);
        var lists = Lists(h, id);
        var before = h.Store.Metrics.Take();

        var replayed = await h.Projector.ApplyAsync([.. changes, .. changes, changes[0]], None);

        Assert.Equal(lists, Lists(h, id));
        Assert.Equal(0, (h.Store.Metrics.Take() - before).ProjectionWrites);
        Assert.Empty(replayed);
    }

    [Fact]
    public async Task Apply_AProjectionComputedFromAnOlderState_NeverOverwritesANewerEntry()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "one"), None);
        var changes = h.Store.DrainFeed();
        var slowRead = new TaskCompletionSource();
        var slowWrite = new TaskCompletionSource();
        var held = 0;
        h.Store.Latency = async operation =>
        {
            if (operation == "TryPutListEntryAsync" && Interlocked.Exchange(ref held, 1) == 0)
            {
                slowRead.SetResult();
                await slowWrite.Task;
            }
        };

        // A slow projector computed its entries from the state after "one", then stalls before writing them.
        var slow = Task.Run(() => h.Projector.ApplyAsync(changes, None));
        await slowRead.Task;
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "two"), None);
        await h.ProjectAsync();
        slowWrite.SetResult();
        await slow;

        Assert.Equal(2, h.Store.ListEntry("bob", id)!.UnreadCount);
        Assert.All(new[] { "alice", "bob" }, user => Assert.Equal("two", h.Store.ListEntry(user, id)!.LastMessage!.Text));
    }

    [Fact]
    public async Task Projection_MatchesWhatTheServicesShow_AfterRealOperations()
    {
        var h = new ChatHarness();
        var direct = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Carol, Alice, Bob);
        await h.SendTextAsync(Alice, direct, "hi bob");
        await h.SendTextAsync(Carol, group, "hi all");
        await h.SendTextAsync(Carol, group, "anyone?");
        await h.Receipts.MarkReadAsync(Bob, group, new MarkPositionRequest(), None);
        await h.SendTextAsync(Bob, direct, "hey");
        await h.ProjectAsync();

        foreach (var user in new[] { Alice, Bob, Carol })
        {
            var list = await h.Conversations.ListAsync(user, new ConversationListRequest(), None);
            foreach (var summary in list.Items)
            {
                var conversation = await h.Conversations.GetAsync(user, summary.Id, None);
                Assert.Equal(conversation.UnreadCount, summary.UnreadCount);
                Assert.Equal(conversation.LastSequence, summary.LastSequence);
                Assert.Equal(conversation.Participants.Select(p => p.UserId), summary.ParticipantIds);
            }
        }

        // Alice: one unread in the direct conversation (Bob's reply), two in the group (Carol's).
        Assert.Equal(3, (await h.Conversations.GetUnreadAsync(Alice, None)).Total);
    }

    private static string Lists(ChatHarness h, string conversationId) =>
        string.Join('\n', new[] { "alice", "bob", "carol" }.Select(u => h.Store.ListEntry(u, conversationId) is { } e ? $"{u}:{e.UnreadCount}:{e.Version}" : $"{u}:-"));
}
