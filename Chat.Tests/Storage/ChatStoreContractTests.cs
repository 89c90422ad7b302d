using System.Text.Json;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// The one contract of <see cref="IChatStore"/> and <see cref="ITypingStore"/>, run against every implementation
/// (the in-memory double and Cosmos DB). Each test gets fresh stores and ids of its own, so a shared database works.
/// Where a store encodes a domain rule in a query or predicate (forward-only positions, the list-entry version
/// order), these cases pin the two implementations to the rule.
/// </summary>
public abstract partial class ChatStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private (IChatStore Chat, ITypingStore Typing)? _stores;
    private int _ids;

    protected IChatStore Store => (_stores ??= CreateStores()).Chat;

    protected ITypingStore Typing => (_stores ??= CreateStores()).Typing;

    /// <summary>Fresh stores for one test.</summary>
    protected abstract (IChatStore Chat, ITypingStore Typing) CreateStores();

    /// <summary>The user-data side of <see cref="Store"/> (the same data) and a fresh profile store.</summary>
    protected abstract (IUserDataStore Data, IProfileStore Profiles) CreateUserStores();

    [ContractFact]
    public async Task TryCreateConversationAsync_StoresCountersConversationAndMembers_AndKeepsTheFirstWhenTheIdExists()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var write = CreateWrite(Id("conv"), alice, bob);

        var created = await Store.TryCreateConversationAsync(write, None);
        var again = await Store.TryCreateConversationAsync(CreateWrite(write.Expected.Id, alice, User("carol")) , None);

        Assert.True(created);
        Assert.False(again);
        var state = (await Store.GetStateAsync(write.Expected.Id, None))!;
        Assert.Equal([alice, bob], state.Members.Select(m => m.UserId));
        Assert.Equal(1 + 2, state.Conversation.LastChange);
        Assert.Equal(Describe(write.StoredConversation), Describe(state.Conversation with { ETag = null }));
        Assert.False(string.IsNullOrEmpty(state.Conversation.ETag));
    }

    [ContractFact]
    public async Task TryCreateConversationAsync_StoresEveryMember_WhenThereAreMoreThanOneBatchTakes()
    {
        var users = Enumerable.Range(0, 100).Select(i => User($"member{i:D3}")).ToArray();
        var write = CreateWrite(Id("big"), users);

        Assert.True(await Store.TryCreateConversationAsync(write, None));
        Assert.False(await Store.TryCreateConversationAsync(CreateWrite(write.Expected.Id, users), None));

        var state = (await Store.GetStateAsync(write.Expected.Id, None))!;
        Assert.Equal(users.Order(StringComparer.Ordinal), state.Members.Select(m => m.UserId).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task ReadItemsAsync_ReturnsTheNamedDocumentsByKind_AndLeavesOutMissingOnesAndOtherKinds()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var message = await AppendAsync(id, alice);
        var reservation = await ReserveAsync(id, alice);
        await Store.TryAdvanceDeliveredAsync(id, bob, 1, T0, None);

        var items = await Store.ReadItemsAsync(id, new ItemKeys
        {
            MemberIds = [bob, User("stranger")],
            DeliveryIds = [bob, alice],
            MessageIds = [message.Id, reservation.Id, Id("missing")],
            AttachmentIds = [reservation.Id, message.Id],
        }, None);

        Assert.Equal(id, items.Conversation!.Id);
        Assert.Equal([bob], items.Members.Keys);
        Assert.Equal([bob], items.Deliveries.Keys);
        Assert.Equal([message.Id], items.Messages.Keys);
        Assert.Equal([reservation.Id], items.Attachments.Keys);
        Assert.False(string.IsNullOrEmpty(items.Messages[message.Id].ETag));
        var elsewhere = await Store.ReadItemsAsync(Id("elsewhere"), new ItemKeys { MemberIds = [alice], MessageIds = [message.Id] }, None);
        Assert.Null(elsewhere.Conversation);
        Assert.Empty(elsewhere.Members);
        Assert.Empty(elsewhere.Messages);
    }

    [ContractFact]
    public async Task GetStateAsync_ReturnsNull_ForAConversationThatDoesNotExist()
    {
        Assert.Null(await Store.GetStateAsync(Id("missing"), None));
    }

    [ContractFact]
    public async Task TryCommitAsync_WritesTheMessageConversationAndSenderRead_WhenTheCountersAreCurrent()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var before = (await Store.GetStateAsync(id, None))!;
        var write = SendWrite(before, alice, "hello");
        var message = write.NewMessages[0];

        var outcome = await Store.TryCommitAsync(write, None);

        Assert.Equal(CommitOutcome.Committed, outcome);
        var after = (await Store.GetStateAsync(id, None))!;
        Assert.NotEqual(before.Conversation.ETag, after.Conversation.ETag);
        Assert.Equal((1L, before.Conversation.LastChange + 1), (after.Conversation.LastSequence, after.Conversation.LastChange));
        Assert.Equal(message.Id, after.Conversation.LastMessage!.MessageId);
        Assert.Equal(1, after.FindMember(alice)!.ReadSequence);
        Assert.Equal(before.FindMember(alice)!.ViewVersion, after.FindMember(alice)!.ViewVersion);
        var stored = (await Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [message.Id] }, None)).Messages[message.Id];
        Assert.Equal(Describe(message), Describe(stored with { ETag = null }));
    }

    [ContractFact]
    public async Task TryCommitAsync_ReturnsConversationChangedAndWritesNothing_WhenTheCountersAreStale()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var stale = (await Store.GetStateAsync(id, None))!;
        await AppendAsync(id, alice);
        var lost = SendWrite(stale, alice, "lost");

        var outcome = await Store.TryCommitAsync(lost, None);

        Assert.Equal(CommitOutcome.ConversationChanged, outcome);
        Assert.Empty((await Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [lost.NewMessages[0].Id] }, None)).Messages);
        Assert.Equal(1, (await Store.GetStateAsync(id, None))!.Conversation.LastSequence);
    }

    [ContractFact]
    public async Task TryCommitAsync_ReturnsMessageExistsAndWritesNothing_WhenTheMessageIdIsStored()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var first = await AppendAsync(id, alice);
        var current = (await Store.GetStateAsync(id, None))!;
        var retry = SendWrite(current, alice, "retry", first.Id);

        var outcome = await Store.TryCommitAsync(retry, None);

        Assert.Equal(CommitOutcome.MessageExists, outcome);
        var after = (await Store.GetStateAsync(id, None))!;
        Assert.Equal(current.Conversation.ETag, after.Conversation.ETag);
        Assert.Equal(first.Content, (await Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [first.Id] }, None)).Messages[first.Id].Content);
    }

    [ContractFact]
    public async Task TryCommitAsync_ReturnsMessageChanged_WhenAChangedMessageIsStale()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var sent = await AppendAsync(id, alice);
        var read = (await Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [sent.Id] }, None)).Messages[sent.Id];
        await EditAsync(id, read, "first edit");
        var state = (await Store.GetStateAsync(id, None))!;
        var write = new ConversationWrite(state.Conversation);
        write.ChangedMessages.Add(read with { Content = "stale edit", Change = write.NextChange() });

        var outcome = await Store.TryCommitAsync(write, None);

        Assert.Equal(CommitOutcome.MessageChanged, outcome);
        Assert.Equal("first edit", (await Store.ReadItemsAsync(id, new ItemKeys { MessageIds = [sent.Id] }, None)).Messages[sent.Id].Content);
        Assert.Equal(state.Conversation.ETag, (await Store.GetStateAsync(id, None))!.Conversation.ETag);
    }

    [ContractFact]
    public async Task TryCommitAsync_ReturnsAttachmentChangedAndWritesNothing_WhenAReservationIsStale()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var reservation = await ReserveAsync(id, alice);
        var first = SendWrite((await Store.GetStateAsync(id, None))!, alice, "first");
        first.Reservations.Add(reservation with { MessageId = first.NewMessages[0].Id });
        Assert.Equal(CommitOutcome.Committed, await Store.TryCommitAsync(first, None));
        var current = (await Store.GetStateAsync(id, None))!;
        var second = SendWrite(current, alice, "second");
        second.Reservations.Add(reservation with { MessageId = second.NewMessages[0].Id });

        var outcome = await Store.TryCommitAsync(second, None);

        Assert.Equal(CommitOutcome.AttachmentChanged, outcome);
        Assert.Equal(current.Conversation.ETag, (await Store.GetStateAsync(id, None))!.Conversation.ETag);
        var stored = (await Store.ReadItemsAsync(id, new ItemKeys { AttachmentIds = [reservation.Id] }, None)).Attachments[reservation.Id];
        Assert.Equal(first.NewMessages[0].Id, stored.MessageId);
    }

    [ContractFact]
    public async Task TryCommitAsync_UpdateMembership_KeepsAReadPositionMovedMeanwhile_AndBumpsTheViewVersion()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        await AppendAsync(id, alice);
        var state = (await Store.GetStateAsync(id, None))!;
        var bobBefore = state.FindMember(bob)!;
        var read = await Store.TryAdvanceReadAsync(id, bob, 1, T0, None);
        var write = new ConversationWrite(state.Conversation);
        write.Members.Add(new MemberWrite(bobBefore with { Role = MemberRole.Admin, Change = write.NextChange() }, MemberWriteKind.UpdateMembership));

        var outcome = await Store.TryCommitAsync(write, None);

        Assert.Equal(CommitOutcome.Committed, outcome);
        var bobAfter = (await Store.GetStateAsync(id, None))!.FindMember(bob)!;
        Assert.Equal(MemberRole.Admin, bobAfter.Role);
        Assert.Equal(1, bobAfter.ReadSequence);
        Assert.Equal(read!.ViewVersion + 1, bobAfter.ViewVersion);
        Assert.Equal(write.StoredConversation.LastChange, bobAfter.Change);
    }

    [ContractFact]
    public async Task TryAdvanceReadAsync_MovesOnlyForward_OnlyForActiveMembers_AndBumpsTheViewVersion()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var before = (await Store.GetStateAsync(id, None))!.FindMember(bob)!;

        var moved = await Store.TryAdvanceReadAsync(id, bob, 3, T0, None);
        var back = await Store.TryAdvanceReadAsync(id, bob, 2, T0.AddMinutes(1), None);
        var same = await Store.TryAdvanceReadAsync(id, bob, 3, T0.AddMinutes(1), None);
        var stranger = await Store.TryAdvanceReadAsync(id, User("stranger"), 5, T0, None);
        var missing = await Store.TryAdvanceReadAsync(Id("missing"), bob, 5, T0, None);

        Assert.Equal((3L, T0, before.ViewVersion + 1), (moved!.ReadSequence, moved.ReadAt!.Value, moved.ViewVersion));
        Assert.Null(back);
        Assert.Null(same);
        Assert.Null(stranger);
        Assert.Null(missing);
        Assert.Equal(3, (await Store.GetStateAsync(id, None))!.FindMember(bob)!.ReadSequence);
        await LeaveAsync(id, bob);
        Assert.Null(await Store.TryAdvanceReadAsync(id, bob, 9, T0, None));
    }

    [ContractFact]
    public async Task TryAdvanceDeliveredAsync_CreatesTheDocumentOnce_ThenMovesOnlyForward()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);

        var first = await Store.TryAdvanceDeliveredAsync(id, bob, 2, T0, None);
        var back = await Store.TryAdvanceDeliveredAsync(id, bob, 1, T0.AddMinutes(1), None);
        var forward = await Store.TryAdvanceDeliveredAsync(id, bob, 4, T0.AddMinutes(2), None);

        Assert.Equal(2, first!.DeliveredSequence);
        Assert.Null(back);
        Assert.Equal((4L, T0.AddMinutes(2)), (forward!.DeliveredSequence, forward.DeliveredAt!.Value));
        var state = (await Store.GetStateAsync(id, None))!;
        Assert.Equal(4, state.Deliveries[bob].DeliveredSequence);
        Assert.Equal(0, state.FindMember(bob)!.ReadSequence);
    }

    [ContractFact]
    public async Task TryUpdateSettingsAsync_ChangesOnlyTheNamedSettings_OfActiveMembers()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var before = (await Store.GetStateAsync(id, None))!.FindMember(bob)!;

        var muted = await Store.TryUpdateSettingsAsync(id, bob, new MemberSettings(new MutedSetting(DateTimeOffset.MaxValue), null), None);
        var archived = await Store.TryUpdateSettingsAsync(id, bob, new MemberSettings(null, new ArchivedSetting(true, 7)), None);

        Assert.Equal(DateTimeOffset.MaxValue, muted!.MutedUntil);
        Assert.Equal((DateTimeOffset.MaxValue, true, 7L), (archived!.MutedUntil!.Value, archived.Archived, archived.ArchivedAtSequence));
        Assert.Equal(before.ViewVersion + 2, archived.ViewVersion);
        Assert.Null(await Store.TryUpdateSettingsAsync(id, User("stranger"), new MemberSettings(new MutedSetting(null), null), None));
    }

    [ContractFact]
    public async Task GetChangesAsync_ReturnsChangedConversationMembersAndMessages_InChangeOrder_AfterThePosition()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        var created = (await Store.GetStateAsync(id, None))!.Conversation.LastChange;
        var first = await AppendAsync(id, alice);
        var second = await AppendAsync(id, bob);
        await Store.TryAdvanceDeliveredAsync(id, bob, 2, T0, None);
        await ReserveAsync(id, alice);
        var edited = await EditAsync(id, first, "edited");

        var all = await Store.GetChangesAsync(id, 0, 100, None);
        var since = await Store.GetChangesAsync(id, created, 100, None);
        var limited = await Store.GetChangesAsync(id, created, 1, None);

        Assert.Equal(all.Select(c => c.Position).Order(), all.Select(c => c.Position));
        Assert.Equal(1 + 2 + 2, all.Count);
        Assert.Single(all, c => c.Conversation is not null);
        Assert.Equal(2, all.Count(c => c.Member is not null));
        Assert.Equal([second.Id, first.Id], since.Select(c => c.Message!.Id));
        Assert.Equal("edited", since[1].Message!.Content);
        Assert.Equal(edited.Change, since[1].Position);
        Assert.Equal([second.Id], limited.Select(c => c.Message!.Id));
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsNewestFirstBelowBefore_UpToLimit()
    {
        var id = await ConversationWithMessagesAsync(5);

        var page = await Store.GetMessagesAsync(id, new MessageQuery(4, null, 2), None);
        var latest = await Store.GetMessagesAsync(id, new MessageQuery(long.MaxValue, null, 10), None);

        Assert.Equal([3L, 2L], page.Select(m => m.Sequence));
        Assert.Equal([5L, 4L, 3L, 2L, 1L], latest.Select(m => m.Sequence));
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsOldestFirstAboveAfter_UpToLimit()
    {
        var id = await ConversationWithMessagesAsync(5);

        var page = await Store.GetMessagesAsync(id, new MessageQuery(null, 2, 2), None);
        var none = await Store.GetMessagesAsync(id, new MessageQuery(null, 5, 10), None);

        Assert.Equal([3L, 4L], page.Select(m => m.Sequence));
        Assert.Empty(none);
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsOnlyThisConversationsMessages_WhenOthersShareTheStore()
    {
        var first = await ConversationWithMessagesAsync(2);
        var second = await ConversationWithMessagesAsync(3);

        var page = await Store.GetMessagesAsync(first, new MessageQuery(long.MaxValue, null, 10), None);

        Assert.Equal(2, page.Count);
        Assert.All(page, m => Assert.Equal(first, m.ConversationId));
        Assert.Equal(3, (await Store.GetMessagesAsync(second, new MessageQuery(null, 0, 10), None)).Count);
    }

    [ContractFact]
    public async Task TryCreateAttachmentAsync_ReturnsFalseAndKeepsTheFirst_WhenTheIdExists()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var reservation = await ReserveAsync(id, alice);

        var again = await Store.TryCreateAttachmentAsync(reservation with { FileName = "other.png" }, None);

        Assert.False(again);
        Assert.Equal("photo.png", (await Store.ReadItemsAsync(id, new ItemKeys { AttachmentIds = [reservation.Id] }, None)).Attachments[reservation.Id].FileName);
    }

    [ContractFact]
    public async Task GetAbandonedAttachmentsAsync_FindsOnlyUnusedReservationsPastTheCutoff_AndDeleteHonoursTheETag()
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        var abandoned = await ReserveAsync(id, alice, T0.AddYears(-50));
        var fresh = await ReserveAsync(id, alice, T0.AddYears(50));
        var used = await ReserveAsync(id, alice, T0.AddYears(-50));
        var send = SendWrite((await Store.GetStateAsync(id, None))!, alice, "with a file");
        send.Reservations.Add(used with { MessageId = send.NewMessages[0].Id });
        Assert.Equal(CommitOutcome.Committed, await Store.TryCommitAsync(send, None));

        var found = (await Store.GetAbandonedAttachmentsAsync(T0.AddYears(-40), 1000, None)).Where(a => a.ConversationId == id).ToList();

        var only = Assert.Single(found);
        Assert.Equal(abandoned.Id, only.Id);
        Assert.False(await Store.TryDeleteAttachmentAsync(only with { ETag = fresh.ETag }, None));
        Assert.True(await Store.TryDeleteAttachmentAsync(only, None));
        Assert.False(await Store.TryDeleteAttachmentAsync(only, None));
        Assert.Empty((await Store.ReadItemsAsync(id, new ItemKeys { AttachmentIds = [abandoned.Id] }, None)).Attachments);
    }

    [ContractFact]
    public async Task TryPutListEntryAsync_WritesOnlyANewerVersion_ConversationPartFirst()
    {
        var user = User("reader");
        var conversation = Id("conv");
        var base_ = Entry(user, conversation, T0, unread: 1, new ProjectionVersion(5, 5));

        Assert.True(await Store.TryPutListEntryAsync(base_, None));
        Assert.False(await Store.TryPutListEntryAsync(base_ with { UnreadCount = 9 }, None));
        Assert.False(await Store.TryPutListEntryAsync(Entry(user, conversation, T0, 2, new ProjectionVersion(4, 9)), None));
        Assert.False(await Store.TryPutListEntryAsync(Entry(user, conversation, T0, 3, new ProjectionVersion(5, 4)), None));
        Assert.True(await Store.TryPutListEntryAsync(Entry(user, conversation, T0, 4, new ProjectionVersion(5, 6)), None));
        Assert.True(await Store.TryPutListEntryAsync(Entry(user, conversation, T0, 5, new ProjectionVersion(6, 1)), None));

        var stored = Assert.Single(await Store.GetUnreadConversationsAsync(user, None));
        Assert.Equal((5L, new ProjectionVersion(6, 1)), (stored.UnreadCount, stored.Version));
        Assert.Equal(Describe(Entry(user, conversation, T0, 5, new ProjectionVersion(6, 1))), Describe(stored));
    }

    [ContractFact]
    public async Task GetUserConversationsAsync_PagesOneFolderByActivityThenIdDescending_WithKeyAndMetadataFilters()
    {
        var user = User("lister");
        var ids = Enumerable.Range(0, 5).Select(_ => Id("conv")).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var entry = Entry(user, ids[i], T0.AddMinutes(i / 2), unread: i, new ProjectionVersion(1, 1)) with
            {
                Key = i == 1 ? "order-1" : null,
                Metadata = new Dictionary<string, string> { ["shop"] = i % 2 == 0 ? "north" : "south" },
            };
            Assert.True(await Store.TryPutListEntryAsync(entry, None));
        }

        Assert.True(await Store.TryPutListEntryAsync(Entry(user, Id("archived"), T0.AddHours(1), 1, new ProjectionVersion(1, 1)) with { Folder = ListFolder.Archived }, None));

        var walked = await WalkAsync(user, ListQuery.Inbox, pageSize: 2);
        var keyed = await Store.GetUserConversationsAsync(user, new ListQuery(ListFolder.Inbox, Key: "order-1"), null, 10, None);
        var south = await Store.GetUserConversationsAsync(user, new ListQuery(ListFolder.Inbox, Metadata: new("shop", "south")), null, 10, None);
        var archived = await Store.GetUserConversationsAsync(user, new ListQuery(ListFolder.Archived), null, 10, None);

        var expected = ids.Select((id, i) => (id, at: T0.AddMinutes(i / 2)))
            .OrderByDescending(e => e.at).ThenByDescending(e => e.id, StringComparer.Ordinal).Select(e => e.id);
        Assert.Equal(expected, walked);
        Assert.Equal([ids[1]], keyed.Select(e => e.ConversationId));
        Assert.Equal([ids[3], ids[1]], south.Select(e => e.ConversationId));
        Assert.Single(archived);
    }

    [ContractFact]
    public async Task GetUnreadConversationsAsync_ReturnsEntriesWithUnread_InAnyFolderButLeft()
    {
        var user = User("badge");
        var (unread, read, left, archived) = (Id("unread"), Id("read"), Id("left"), Id("archived"));
        await Store.TryPutListEntryAsync(Entry(user, unread, T0, 3, new ProjectionVersion(1, 1)), None);
        await Store.TryPutListEntryAsync(Entry(user, read, T0, 0, new ProjectionVersion(1, 1)), None);
        await Store.TryPutListEntryAsync(Entry(user, left, T0, 2, new ProjectionVersion(1, 1)) with { Folder = ListFolder.Left, State = MemberState.Left }, None);
        await Store.TryPutListEntryAsync(Entry(user, archived, T0, 1, new ProjectionVersion(1, 1)) with { Folder = ListFolder.Archived }, None);
        await Store.TryPutListEntryAsync(Entry(User("other"), Id("theirs"), T0, 4, new ProjectionVersion(1, 1)), None);

        var found = await Store.GetUnreadConversationsAsync(user, None);

        Assert.Equal([archived, unread], found.Select(e => e.ConversationId).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task GetListChangesAsync_ReturnsEntriesWrittenAfterThePosition_InSyncOrder()
    {
        var user = User("syncer");
        var (a, b, c) = (Id("a"), Id("b"), Id("c"));
        await Store.TryPutListEntryAsync(Entry(user, a, T0, 0, new ProjectionVersion(1, 1)) with { SyncAt = T0.AddSeconds(1) }, None);
        await Store.TryPutListEntryAsync(Entry(user, b, T0, 0, new ProjectionVersion(1, 1)) with { SyncAt = T0.AddSeconds(2) }, None);
        await Store.TryPutListEntryAsync(Entry(user, c, T0, 0, new ProjectionVersion(1, 1)) with { SyncAt = T0.AddSeconds(2) }, None);
        await Store.TryPutListEntryAsync(Entry(user, a, T0, 1, new ProjectionVersion(2, 1)) with { SyncAt = T0.AddSeconds(3) }, None);

        var all = await Store.GetListChangesAsync(user, new SyncPosition(T0, ""), 10, None);
        var afterB = await Store.GetListChangesAsync(user, new SyncPosition(T0.AddSeconds(2), b), 10, None);
        var first = await Store.GetListChangesAsync(user, new SyncPosition(T0, ""), 1, None);

        Assert.Equal([b, c, a], all.Select(e => e.ConversationId));
        Assert.Equal([c, a], afterB.Select(e => e.ConversationId));
        Assert.Equal([b], first.Select(e => e.ConversationId));
    }

    [ContractFact]
    public async Task Presence_GetActiveConversationIdsAsync_ReturnsTheUsersEntriesInAnyFolderButLeft()
    {
        var user = User("present");
        var (inbox, archived, left) = (Id("inbox"), Id("archived"), Id("left"));
        await Store.TryPutListEntryAsync(Entry(user, inbox, T0, 0, new ProjectionVersion(1, 1)), None);
        await Store.TryPutListEntryAsync(Entry(user, archived, T0, 0, new ProjectionVersion(1, 1)) with { Folder = ListFolder.Archived }, None);
        await Store.TryPutListEntryAsync(Entry(user, left, T0, 0, new ProjectionVersion(1, 1)) with { Folder = ListFolder.Left, State = MemberState.Left }, None);
        await Store.TryPutListEntryAsync(Entry(User("other"), Id("theirs"), T0, 0, new ProjectionVersion(1, 1)), None);

        var found = await Store.GetActiveConversationIdsAsync(user, None);

        Assert.Equal([archived, inbox], found.Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task Presence_GetSharedUsersAsync_ReturnsTheCandidatesAmongTheParticipantsOfTheUsersActiveEntries()
    {
        var (user, friend, archivedFriend, exMember, stranger) = (User("asker"), User("friend"), User("archived"), User("ex"), User("stranger"));
        await Store.TryPutListEntryAsync(Entry(user, Id("inbox"), T0, 0, new ProjectionVersion(1, 1)) with { ParticipantIds = [user, friend] }, None);
        await Store.TryPutListEntryAsync(Entry(user, Id("archived"), T0, 0, new ProjectionVersion(1, 1)) with
        {
            Folder = ListFolder.Archived, ParticipantIds = [user, archivedFriend, friend],
        }, None);
        await Store.TryPutListEntryAsync(Entry(user, Id("left"), T0, 0, new ProjectionVersion(1, 1)) with
        {
            Folder = ListFolder.Left, State = MemberState.Left, ParticipantIds = [exMember],
        }, None);
        await Store.TryPutListEntryAsync(Entry(stranger, Id("theirs"), T0, 0, new ProjectionVersion(1, 1)) with { ParticipantIds = [stranger, user] }, None);

        var shared = await Store.GetSharedUsersAsync(user, [friend, archivedFriend, exMember, stranger, User("nobody")], None);
        var none = await Store.GetSharedUsersAsync(user, [], None);

        Assert.Equal([archivedFriend, friend], shared.Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }

    protected string Id(string prefix) => $"{prefix}_{_run}_{Interlocked.Increment(ref _ids):D3}";

    protected string User(string name) => $"{name}-{_run}";

    /// <summary>A group create of <paramref name="users"/> (the first is the owner), as the conversation service builds it.</summary>
    protected static ConversationWrite CreateWrite(string id, params string[] users)
    {
        var write = new ConversationWrite(new Conversation
        {
            Id = id,
            Kind = ConversationKind.Group,
            Title = "Test",
            CreatedBy = users[0],
            CreatedAt = T0,
            MemberIds = users,
            LastActivityAt = T0,
        });
        write.Conversation = write.Conversation with { Change = write.NextChange() };
        foreach (var user in users)
        {
            write.Members.Add(new MemberWrite(new Member
            {
                ConversationId = id,
                UserId = user,
                Role = user == users[0] ? MemberRole.Owner : MemberRole.Member,
                JoinedAt = T0,
                Change = write.NextChange(),
                ViewVersion = 1,
            }, MemberWriteKind.Create));
        }

        return write;
    }

    protected async Task<string> CreateAsync(params string[] users)
    {
        var write = CreateWrite(Id("conv"), users);
        Assert.True(await Store.TryCreateConversationAsync(write, None));
        return write.Expected.Id;
    }

    /// <summary>A send as the message service builds it: next sequence and change, last message, the sender's read position.</summary>
    protected ConversationWrite SendWrite(ConversationState state, string sender, string content, string? messageId = null)
    {
        var write = new ConversationWrite(state.Conversation);
        var message = new Message
        {
            Id = messageId ?? Id("m"),
            ConversationId = state.Conversation.Id,
            Sequence = write.NextSequence(),
            Change = write.NextChange(),
            SenderId = sender,
            Type = MessageType.Text,
            Content = content,
            CreatedAt = T0,
        };
        write.NewMessages.Add(message);
        write.Conversation = state.Conversation with { LastMessage = message.ToPreview(), LastActivityAt = T0 };
        write.SenderRead = new SenderRead(sender, message.Sequence, T0, null);
        return write;
    }

    protected async Task<Message> AppendAsync(string conversationId, string sender)
    {
        var state = (await Store.GetStateAsync(conversationId, None))!;
        var write = SendWrite(state, sender, $"hello {state.Conversation.LastSequence + 1}");
        Assert.Equal(CommitOutcome.Committed, await Store.TryCommitAsync(write, None));
        return write.NewMessages[0];
    }

    protected async Task<Message> EditAsync(string conversationId, Message read, string content)
    {
        var state = (await Store.GetStateAsync(conversationId, None))!;
        var current = (await Store.ReadItemsAsync(conversationId, new ItemKeys { MessageIds = [read.Id] }, None)).Messages[read.Id];
        var write = new ConversationWrite(state.Conversation);
        var edited = current with { Content = content, EditedAt = T0, Change = write.NextChange() };
        write.ChangedMessages.Add(edited);
        Assert.Equal(CommitOutcome.Committed, await Store.TryCommitAsync(write, None));
        return edited;
    }

    protected async Task LeaveAsync(string conversationId, string user)
    {
        var state = (await Store.GetStateAsync(conversationId, None))!;
        var write = new ConversationWrite(state.Conversation);
        write.Members.Add(new MemberWrite(state.FindMember(user)! with { State = MemberState.Left, LeftAt = T0, Change = write.NextChange() },
            MemberWriteKind.UpdateMembership));
        write.Conversation = state.Conversation with { MemberIds = state.Conversation.MemberIds.Where(m => m != user).ToList() };
        Assert.Equal(CommitOutcome.Committed, await Store.TryCommitAsync(write, None));
    }

    protected async Task<AttachmentReservation> ReserveAsync(string conversationId, string uploader, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? T0;
        var id = Id("a");
        var reservation = new AttachmentReservation
        {
            Id = id,
            ConversationId = conversationId,
            UploaderId = uploader,
            FileName = "photo.png",
            ContentType = "image/png",
            SizeBytes = 1234,
            BlobName = AttachmentPolicy.BlobName(conversationId, id),
            CreatedAt = at,
            UploadExpiresAt = at.AddMinutes(10),
        };
        Assert.True(await Store.TryCreateAttachmentAsync(reservation, None));
        return (await Store.ReadItemsAsync(conversationId, new ItemKeys { AttachmentIds = [id] }, None)).Attachments[id];
    }

    protected async Task<string> ConversationWithMessagesAsync(int count)
    {
        var alice = User("alice");
        var id = await CreateAsync(alice, User("bob"));
        for (var i = 0; i < count; i++)
        {
            await AppendAsync(id, alice);
        }

        return id;
    }

    protected static string Describe(object value) => JsonSerializer.Serialize(value);

    private static UserConversation Entry(string user, string conversationId, DateTimeOffset activity, long unread, ProjectionVersion version) => new()
    {
        UserId = user,
        ConversationId = conversationId,
        Kind = ConversationKind.Group,
        Title = "Entry",
        ParticipantIds = [user, "someone"],
        LastActivityAt = activity,
        LastSequence = unread + 1,
        ReadSequence = 1,
        UnreadCount = unread,
        Role = MemberRole.Member,
        Folder = ListFolder.Inbox,
        SyncAt = activity,
        Version = version,
    };

    private async Task<List<string>> WalkAsync(string user, ListQuery query, int pageSize)
    {
        var seen = new List<string>();
        ConversationListPosition? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Store.GetUserConversationsAsync(user, query, after, pageSize, None);
            Assert.True(page.Count <= pageSize);
            if (page.Count == 0)
            {
                return seen;
            }

            seen.AddRange(page.Select(e => e.ConversationId));
            after = new ConversationListPosition(page[^1].LastActivityAt, page[^1].ConversationId);
        }

        return seen;
    }
}
