using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// The one contract of <see cref="IChatStore"/> and <see cref="ITypingStore"/>, run against every implementation
/// (the in-memory double and Cosmos DB). Each test gets fresh stores and ids of its own, so a shared database works.
/// </summary>
public abstract class ChatStoreContractTests
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

    [ContractFact]
    public async Task TryCreateConversationAsync_ReturnsFalseAndKeepsFirst_WhenIdExists()
    {
        var conversation = NewConversation(User("alice"), User("bob"));

        var created = await Store.TryCreateConversationAsync(conversation, None);
        var again = await Store.TryCreateConversationAsync(conversation with { Title = "other" }, None);

        Assert.True(created);
        Assert.False(again);
        Assert.Equal("Test", (await Store.GetConversationAsync(conversation.Id, None))!.Title);
    }

    [ContractFact]
    public async Task GetConversationAsync_ReturnsStoredFieldsAndETag_WhenItExists()
    {
        var conversation = NewConversation(User("alice"), User("bob")) with { Metadata = new Dictionary<string, string> { ["orderId"] = "o-1" } };
        await Store.TryCreateConversationAsync(conversation, None);

        var stored = await Store.GetConversationAsync(conversation.Id, None);

        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(Describe(conversation), Describe(stored with { ETag = null }));
        Assert.Null(await Store.GetConversationAsync(Id("missing"), None));
    }

    [ContractFact]
    public async Task TryAppendMessageAsync_ReturnsConversationChangedAndWritesNothing_WhenETagIsStale()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var stale = await CreateAsync(alice, bob);
        await AppendAsync(stale.Id, alice);
        var lost = NewMessage(stale.Id, 2, alice);

        var outcome = await Store.TryAppendMessageAsync(Advance(stale, lost), lost, [], None);

        Assert.Equal(AppendOutcome.ConversationChanged, outcome);
        Assert.Null(await Store.GetMessageAsync(stale.Id, lost.Id, None));
        Assert.Equal(1, (await Store.GetConversationAsync(stale.Id, None))!.LastSequence);
    }

    [ContractFact]
    public async Task TryAppendMessageAsync_ReturnsMessageExistsAndWritesNothing_WhenMessageIdExists()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var created = await CreateAsync(alice, bob);
        var first = await AppendAsync(created.Id, alice);
        var current = (await Store.GetConversationAsync(created.Id, None))!;
        var retry = first with { Sequence = 2, Content = "retry" };

        var outcome = await Store.TryAppendMessageAsync(Advance(current, retry), retry, [], None);

        Assert.Equal(AppendOutcome.MessageExists, outcome);
        var after = (await Store.GetConversationAsync(created.Id, None))!;
        Assert.Equal(current.ETag, after.ETag);
        Assert.Equal(1, after.LastSequence);
        Assert.Equal("hello 1", (await Store.GetMessageAsync(created.Id, first.Id, None))!.Content);
    }

    [ContractFact]
    public async Task TryAppendMessageAsync_ReturnsAttachmentChangedAndWritesNothing_WhenAttachmentETagIsStale()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var conversation = await CreateAsync(alice, bob);
        var reservation = await ReserveAsync(conversation.Id, alice);
        var first = NewMessage(conversation.Id, 1, alice);
        Assert.Equal(AppendOutcome.Appended,
            await Store.TryAppendMessageAsync(Advance(conversation, first), first, [reservation with { MessageId = first.Id }], None));
        var current = (await Store.GetConversationAsync(conversation.Id, None))!;
        var second = NewMessage(conversation.Id, 2, alice);

        var outcome = await Store.TryAppendMessageAsync(Advance(current, second), second, [reservation with { MessageId = second.Id }], None);

        Assert.Equal(AppendOutcome.AttachmentChanged, outcome);
        Assert.Null(await Store.GetMessageAsync(conversation.Id, second.Id, None));
        Assert.Equal(current.ETag, (await Store.GetConversationAsync(conversation.Id, None))!.ETag);
        Assert.Equal(first.Id, Assert.Single(await Store.GetAttachmentsAsync(conversation.Id, [reservation.Id], None)).MessageId);
    }

    [ContractFact]
    public async Task TryAppendMessageAsync_StoresMessageConversationAndAttachments_WhenAllMatch()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var conversation = await CreateAsync(alice, bob);
        var reservation = await ReserveAsync(conversation.Id, alice);
        var message = NewMessage(conversation.Id, 1, alice) with { Attachments = [reservation.ToAttachment()] };
        var advanced = Advance(conversation, message);

        var outcome = await Store.TryAppendMessageAsync(advanced, message, [reservation with { MessageId = message.Id }], None);

        Assert.Equal(AppendOutcome.Appended, outcome);
        var stored = (await Store.GetMessageAsync(conversation.Id, message.Id, None))!;
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(Describe(message), Describe(stored with { ETag = null }));
        var storedConversation = (await Store.GetConversationAsync(conversation.Id, None))!;
        Assert.Equal(Describe(advanced with { ETag = null }), Describe(storedConversation with { ETag = null }));
        var used = Assert.Single(await Store.GetAttachmentsAsync(conversation.Id, [reservation.Id], None));
        Assert.Equal(message.Id, used.MessageId);
        Assert.NotEqual(reservation.ETag, used.ETag);
    }

    [ContractFact]
    public async Task GetAttachmentsAsync_ReturnsOnlyExistingReservations_WhenIdsAreMissingOrOtherDocuments()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var message = await AppendAsync(conversation.Id, alice);
        var reservation = await ReserveAsync(conversation.Id, alice);

        var found = await Store.GetAttachmentsAsync(conversation.Id, [Id("missing"), reservation.Id, message.Id, conversation.Id], None);

        var only = Assert.Single(found);
        Assert.Equal(reservation.Id, only.Id);
        Assert.Equal(alice, only.UploaderId);
        Assert.Null(only.MessageId);
        Assert.Empty(await Store.GetAttachmentsAsync(Id("elsewhere"), [reservation.Id], None));
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsNewestFirstBelowBefore_UpToLimit()
    {
        var conversation = await ConversationWithMessagesAsync(5);

        var page = await Store.GetMessagesAsync(conversation, new MessageQuery(4, null, 2), None);
        var latest = await Store.GetMessagesAsync(conversation, new MessageQuery(long.MaxValue, null, 10), None);

        Assert.Equal([3L, 2L], page.Select(m => m.Sequence));
        Assert.Equal([5L, 4L, 3L, 2L, 1L], latest.Select(m => m.Sequence));
    }

    [ContractFact]
    public async Task GetMessagesByIdAsync_ReturnsTheNamedMessages_AndLeavesOutOthers()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var first = await AppendAsync(conversation.Id, alice);
        await AppendAsync(conversation.Id, alice);
        var third = await AppendAsync(conversation.Id, alice);
        var reservation = await ReserveAsync(conversation.Id, alice);

        var found = await Store.GetMessagesByIdAsync(conversation.Id, [third.Id, first.Id, Id("missing"), reservation.Id, conversation.Id], None);

        Assert.Equal([1L, 3L], found.Select(m => m.Sequence).Order());
    }

    [ContractFact]
    public async Task GetAbandonedAttachmentsAsync_FindsOnlyUnusedReservationsPastTheCutoff_AndDeleteHonoursTheETag()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var abandoned = await ReserveAsync(conversation.Id, alice);
        var used = await ReserveAsync(conversation.Id, alice);
        var current = Advance(conversation, NewMessage(conversation.Id, 1, alice));
        var message = NewMessage(conversation.Id, 1, alice) with { Attachments = [used.ToAttachment()] };
        Assert.Equal(AppendOutcome.Appended, await Store.TryAppendMessageAsync(current, message, [used with { MessageId = message.Id }], None));
        var cutoff = abandoned.UploadExpiresAt.AddSeconds(1);

        var found = (await Store.GetAbandonedAttachmentsAsync(cutoff, 100, None)).Where(a => a.ConversationId == conversation.Id).ToList();
        var early = (await Store.GetAbandonedAttachmentsAsync(abandoned.UploadExpiresAt.AddSeconds(-1), 100, None)).Where(a => a.ConversationId == conversation.Id);
        var staleDelete = await Store.TryDeleteAttachmentAsync(found[0] with { ETag = "\"stale\"" }, None);
        var deleted = await Store.TryDeleteAttachmentAsync(found[0], None);

        Assert.Equal([abandoned.Id], found.Select(a => a.Id));
        Assert.Empty(early);
        Assert.False(staleDelete);
        Assert.True(deleted);
        Assert.Empty(await Store.GetAttachmentsAsync(conversation.Id, [abandoned.Id], None));
        Assert.Single(await Store.GetAttachmentsAsync(conversation.Id, [used.Id], None));
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsOldestFirstAboveAfter_UpToLimit()
    {
        var conversation = await ConversationWithMessagesAsync(5);

        var page = await Store.GetMessagesAsync(conversation, new MessageQuery(null, 1, 2), None);
        var tail = await Store.GetMessagesAsync(conversation, new MessageQuery(null, 3, 10), None);
        var none = await Store.GetMessagesAsync(conversation, new MessageQuery(null, 5, 10), None);

        Assert.Equal([2L, 3L], page.Select(m => m.Sequence));
        Assert.Equal([4L, 5L], tail.Select(m => m.Sequence));
        Assert.Empty(none);
    }

    [ContractFact]
    public async Task GetMessagesAsync_ReturnsOnlyThisConversationsMessages_WhenOthersShareTheStore()
    {
        var alice = User("alice");
        var conversation = await ConversationWithMessagesAsync(2);
        await ReserveAsync(conversation, alice);
        await ConversationWithMessagesAsync(3);

        var all = await Store.GetMessagesAsync(conversation, new MessageQuery(long.MaxValue, null, 100), None);

        Assert.Equal([2L, 1L], all.Select(m => m.Sequence));
        Assert.All(all, m => Assert.Equal(conversation, m.ConversationId));
    }

    [ContractFact]
    public async Task TryReplaceMessageAsync_ReturnsFalseAndKeepsStored_WhenETagIsStale()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var appended = await AppendAsync(conversation.Id, alice);
        var read = (await Store.GetMessageAsync(conversation.Id, appended.Id, None))!;

        var first = await Store.TryReplaceMessageAsync(read with { Content = "edited", EditedAt = T0.AddMinutes(1) }, null, None);
        var second = await Store.TryReplaceMessageAsync(read with { Content = "lost" }, null, None);

        Assert.True(first);
        Assert.False(second);
        var stored = (await Store.GetMessageAsync(conversation.Id, appended.Id, None))!;
        Assert.Equal("edited", stored.Content);
        Assert.Equal(T0.AddMinutes(1), stored.EditedAt);
    }

    [ContractFact]
    public async Task TryReplaceMessageAsync_ReturnsFalseAndChangesNothing_WhenConversationETagIsStale()
    {
        var alice = User("alice");
        var stale = await CreateAsync(alice, User("bob"));
        var appended = await AppendAsync(stale.Id, alice);
        var read = (await Store.GetMessageAsync(stale.Id, appended.Id, None))!;

        var replaced = await Store.TryReplaceMessageAsync(read with { Content = "edited" }, stale with { Title = "lost" }, None);

        Assert.False(replaced);
        Assert.Equal(appended.Content, (await Store.GetMessageAsync(stale.Id, appended.Id, None))!.Content);
        Assert.Equal("Test", (await Store.GetConversationAsync(stale.Id, None))!.Title);
    }

    [ContractFact]
    public async Task TryReplaceMessageAsync_ReplacesBoth_WhenConversationIsGivenAndCurrent()
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        var appended = await AppendAsync(conversation.Id, alice);
        var read = (await Store.GetMessageAsync(conversation.Id, appended.Id, None))!;
        var current = (await Store.GetConversationAsync(conversation.Id, None))!;
        var deleted = read with { Content = null, DeletedAt = T0.AddMinutes(2) };

        var replaced = await Store.TryReplaceMessageAsync(deleted, current with { LastMessage = Views.PreviewOf(deleted) }, None);

        Assert.True(replaced);
        Assert.True((await Store.GetMessageAsync(conversation.Id, appended.Id, None))!.IsDeleted);
        Assert.True((await Store.GetConversationAsync(conversation.Id, None))!.LastMessage!.Deleted);
    }

    [ContractFact]
    public async Task AdvancePositionAsync_ReturnsConversationWithNewPosition_WhenMovingForward()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var conversation = await CreateAsync(alice, bob);
        var at = T0.AddMinutes(5);

        var updated = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Delivered, 3, at, None);

        Assert.NotNull(updated);
        Assert.False(string.IsNullOrEmpty(updated.ETag));
        var position = updated.FindParticipant(bob)!;
        Assert.Equal((3L, at, 0L, (DateTimeOffset?)null), (position.DeliveredSequence, position.DeliveredAt!.Value, position.ReadSequence, position.ReadAt));
        Assert.Equal(Describe(updated), Describe((await Store.GetConversationAsync(conversation.Id, None))!));
        Assert.Equal(0, updated.FindParticipant(alice)!.DeliveredSequence);
    }

    [ContractFact]
    public async Task AdvancePositionAsync_ReturnsNullAndKeepsPosition_WhenNotForward()
    {
        var bob = User("bob");
        var conversation = await CreateAsync(User("alice"), bob);
        var moved = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 5, T0, None);

        var equal = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 5, T0.AddMinutes(1), None);
        var backward = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 4, T0.AddMinutes(2), None);
        var deliveredBackward = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Delivered, 5, T0.AddMinutes(3), None);

        Assert.NotNull(moved);
        Assert.Null(equal);
        Assert.Null(backward);
        Assert.Null(deliveredBackward);
        var stored = (await Store.GetConversationAsync(conversation.Id, None))!;
        Assert.Equal(moved.ETag, stored.ETag);
        Assert.Equal((5L, T0), (stored.FindParticipant(bob)!.ReadSequence, stored.FindParticipant(bob)!.ReadAt!.Value));
    }

    [ContractFact]
    public async Task AdvancePositionAsync_MovesDeliveredUpToo_WhenReadPassesIt()
    {
        var bob = User("bob");
        var conversation = await CreateAsync(User("alice"), bob);
        await Store.AdvancePositionAsync(conversation, bob, PositionKind.Delivered, 2, T0, None);

        var updated = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 4, T0.AddMinutes(1), None);

        var position = updated!.FindParticipant(bob)!;
        Assert.Equal((4L, T0.AddMinutes(1)), (position.ReadSequence, position.ReadAt!.Value));
        Assert.Equal((4L, T0.AddMinutes(1)), (position.DeliveredSequence, position.DeliveredAt!.Value));
    }

    [ContractFact]
    public async Task AdvancePositionAsync_KeepsDelivered_WhenReadStaysBelowIt()
    {
        var bob = User("bob");
        var conversation = await CreateAsync(User("alice"), bob);
        await Store.AdvancePositionAsync(conversation, bob, PositionKind.Delivered, 6, T0, None);

        var updated = await Store.AdvancePositionAsync(conversation, bob, PositionKind.Read, 4, T0.AddMinutes(1), None);

        var position = updated!.FindParticipant(bob)!;
        Assert.Equal(4, position.ReadSequence);
        Assert.Equal((6L, T0), (position.DeliveredSequence, position.DeliveredAt!.Value));
    }

    [ContractFact]
    public async Task AdvancePositionAsync_ReturnsNull_WhenUserIsNotParticipantOrConversationMissing()
    {
        var conversation = await CreateAsync(User("alice"), User("bob"));

        var stranger = await Store.AdvancePositionAsync(conversation, User("mallory"), PositionKind.Read, 1, T0, None);
        var missing = await Store.AdvancePositionAsync(conversation with { Id = Id("missing") }, User("alice"), PositionKind.Read, 1, T0, None);

        Assert.Null(stranger);
        Assert.Null(missing);
    }

    [ContractFact]
    public async Task TryPutUserConversationAsync_CreatesOnce_ThenReplacesOnlyUnderTheCurrentETag()
    {
        var user = User("carol");
        var entry = Entry(user, Id("list"), T0, 1);

        var created = await Store.TryPutUserConversationAsync(entry, None);
        var createdAgain = await Store.TryPutUserConversationAsync(entry with { UnreadCount = 9 }, None);
        var stored = await Store.GetUserConversationAsync(user, entry.ConversationId, None);
        var replaced = await Store.TryPutUserConversationAsync(stored! with { UnreadCount = 2 }, None);
        var stale = await Store.TryPutUserConversationAsync(stored! with { UnreadCount = 7 }, None);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.False(string.IsNullOrEmpty(stored!.ETag));
        Assert.True(replaced);
        Assert.False(stale);
        Assert.Equal(2, (await Store.GetUserConversationAsync(user, entry.ConversationId, None))!.UnreadCount);
        Assert.Null(await Store.GetUserConversationAsync(user, Id("missing"), None));
    }

    [ContractFact]
    public async Task Projector_GivesSameListAndUnread_WhenReplayed_AndIgnoresAnOlderVersionDeliveredLate()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var conversation = await CreateAsync(alice, bob);
        await AppendAsync(conversation.Id, alice);
        var older = (await Store.GetConversationAsync(conversation.Id, None))!;
        await AppendAsync(conversation.Id, alice);
        var newer = (await Store.GetConversationAsync(conversation.Id, None))!;
        var projector = new ConversationListProjector(Store);

        var first = await projector.ApplyAsync([newer], None);
        var list = Describe(await Store.GetUserConversationsAsync(bob, null, 10, None));
        var replay = await projector.ApplyAsync([newer], None);
        var late = await projector.ApplyAsync([older], None);

        Assert.Equal(2, first.Count);
        Assert.Empty(replay);
        Assert.Empty(late);
        Assert.Equal(list, Describe(await Store.GetUserConversationsAsync(bob, null, 10, None)));
        Assert.Equal(2, Assert.Single(await Store.GetUnreadConversationsAsync(bob, None)).UnreadCount);
        Assert.Empty(await Store.GetUnreadConversationsAsync(alice, None));
    }

    [ContractFact]
    public async Task GetUserConversationsAsync_PagesByActivityThenIdDescending_WhenActivityTies()
    {
        var user = User("carol");
        var ids = Enumerable.Range(0, 5).Select(_ => Id("list")).ToList();
        var tie = T0.AddSeconds(2);
        DateTimeOffset[] activity = [T0.AddSeconds(3), tie, tie, T0.AddSeconds(1), tie.AddTicks(1)];
        await PutAsync(ids.Select((id, i) => Entry(user, id, activity[i], 0)));
        string[] expected = [ids[0], ids[4], ids[2], ids[1], ids[3]];

        var byTwo = await WalkAsync(user, 2);
        var byOne = await WalkAsync(user, 1);

        Assert.Equal(expected, byTwo);
        Assert.Equal(expected, byOne);
        Assert.Empty(await Store.GetUserConversationsAsync(User("nobody"), null, 10, None));
    }

    [ContractFact]
    public async Task GetUnreadConversationsAsync_ReturnsOnlyEntriesWithUnread_FromTheUsersList()
    {
        var (user, other) = (User("carol"), User("dave"));
        var (read, unread) = (Id("read"), Id("unread"));
        await PutAsync([Entry(user, read, T0, 0), Entry(user, unread, T0, 3), Entry(other, Id("x"), T0, 7)]);

        var found = await Store.GetUnreadConversationsAsync(user, None);

        var only = Assert.Single(found);
        Assert.Equal((unread, 3L), (only.ConversationId, only.UnreadCount));
    }

    [ContractFact]
    public async Task GetDueAsync_ExcludesLiveClaimsAndLiveStates_WhenSweeping()
    {
        var now = Now();
        var (due, live, claimed, lapsed) = (Typing1(now.AddSeconds(-1)), Typing1(now.AddSeconds(30)), Typing1(now.AddSeconds(-2)), Typing1(now.AddSeconds(-3)));
        foreach (var state in new[] { due, live, claimed, lapsed })
        {
            await Typing.SetAsync(state, None);
        }

        var before = await DueAsync(now, due, live, claimed, lapsed);
        Assert.NotNull(await Typing.TryClaimAsync(Find(before, claimed), now.AddSeconds(30), None));
        Assert.NotNull(await Typing.TryClaimAsync(Find(before, lapsed), now.AddMilliseconds(-1), None));

        var after = await DueAsync(now, due, live, claimed, lapsed);

        Assert.Equal(Keys(due, claimed, lapsed), Keys(before));
        Assert.Equal(Keys(due, lapsed), Keys(after));
        Assert.Equal(now.AddMilliseconds(-1), Find(after, lapsed).ClaimedUntil);
    }

    [ContractFact]
    public async Task TryClaimAsync_ReturnsNull_WhenStateWasRefreshedSinceRead()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var read = Find(await DueAsync(now, state), state);
        await Typing.SetAsync(state, None);

        var claimed = await Typing.TryClaimAsync(read, now.AddSeconds(30), None);

        Assert.Null(claimed);
        Assert.Null(Find(await DueAsync(now, state), state).ClaimedUntil);
    }

    [ContractFact]
    public async Task TryCompleteAsync_ReturnsFalseAndKeepsState_WhenRefreshedAfterClaim()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var claimed = await Typing.TryClaimAsync(Find(await DueAsync(now, state), state), now.AddSeconds(30), None);
        Assert.NotNull(claimed);
        Assert.Empty(await DueAsync(now, state));
        await Typing.SetAsync(state, None);

        var completed = await Typing.TryCompleteAsync(claimed, None);

        Assert.False(completed);
        Assert.Single(await DueAsync(now, state));
    }

    [ContractFact]
    public async Task TryCompleteAsync_RemovesState_WhenUnchangedSinceClaim()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var claimed = await Typing.TryClaimAsync(Find(await DueAsync(now, state), state), now.AddSeconds(30), None);

        var completed = await Typing.TryCompleteAsync(claimed!, None);

        Assert.True(completed);
        Assert.False(await Typing.RemoveAsync(state.ConversationId, state.UserId, None));
        Assert.False(await Typing.TryCompleteAsync(claimed!, None));
    }

    [ContractFact]
    public async Task RemoveAsync_ReturnsTrueOnce_WhenStateExists()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);

        var first = await Typing.RemoveAsync(state.ConversationId, state.UserId, None);
        var second = await Typing.RemoveAsync(state.ConversationId, state.UserId, None);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await DueAsync(now, state));
    }

    protected string Id(string prefix) => $"{prefix}_{_run}_{Interlocked.Increment(ref _ids):D3}";

    protected string User(string name) => $"{name}-{_run}";

    protected static Conversation NewConversationFor(string id, params string[] users) => new()
    {
        Id = id,
        Kind = users.Length == 2 ? ConversationKind.Direct : ConversationKind.Group,
        Title = "Test",
        CreatedBy = users[0],
        CreatedAt = T0,
        Participants = users.Select(u => new Participant(u, u.ToUpperInvariant(), T0)).ToList(),
        LastActivityAt = T0,
    };

    protected Conversation NewConversation(params string[] users) => NewConversationFor(Id("conv"), users);

    protected async Task<Conversation> CreateAsync(params string[] users)
    {
        var conversation = NewConversation(users);
        Assert.True(await Store.TryCreateConversationAsync(conversation, None));
        return (await Store.GetConversationAsync(conversation.Id, None))!;
    }

    protected Message NewMessage(string conversationId, long sequence, string sender) => new()
    {
        Id = Id("msg"),
        ConversationId = conversationId,
        Sequence = sequence,
        SenderId = sender,
        SenderName = sender.ToUpperInvariant(),
        Type = MessageType.Text,
        Content = $"hello {sequence}",
        Metadata = new Dictionary<string, string> { ["k"] = "v" },
        CreatedAt = T0.AddSeconds(sequence),
        ClientMessageId = $"client-{sequence}",
    };

    protected static Conversation Advance(Conversation conversation, Message message) =>
        (conversation with
        {
            LastSequence = message.Sequence,
            LastMessage = Views.PreviewOf(message),
            LastActivityAt = message.CreatedAt,
            Version = conversation.Version + 1,
        }).WithParticipant(message.SenderId, p => p with
        {
            ReadSequence = message.Sequence,
            ReadAt = message.CreatedAt,
            DeliveredSequence = message.Sequence,
            DeliveredAt = message.CreatedAt,
        });

    /// <summary>Appends the next message the way the send path does: read the conversation, one atomic write.</summary>
    protected async Task<Message> AppendAsync(string conversationId, string sender)
    {
        var conversation = (await Store.GetConversationAsync(conversationId, None))!;
        var message = NewMessage(conversationId, conversation.LastSequence + 1, sender);
        Assert.Equal(AppendOutcome.Appended, await Store.TryAppendMessageAsync(Advance(conversation, message), message, [], None));
        return message;
    }

    protected async Task<AttachmentReservation> ReserveAsync(string conversationId, string uploader)
    {
        var id = Id("att");
        await Store.CreateAttachmentAsync(new AttachmentReservation
        {
            Id = id,
            ConversationId = conversationId,
            UploaderId = uploader,
            FileName = "photo.png",
            ContentType = "image/png",
            SizeBytes = 1234,
            BlobName = $"{conversationId}/{id}",
            CreatedAt = T0,
            UploadExpiresAt = T0.AddMinutes(10),
        }, None);
        return Assert.Single(await Store.GetAttachmentsAsync(conversationId, [id], None));
    }

    protected async Task<string> ConversationWithMessagesAsync(int count)
    {
        var alice = User("alice");
        var conversation = await CreateAsync(alice, User("bob"));
        for (var i = 0; i < count; i++)
        {
            await AppendAsync(conversation.Id, alice);
        }

        return conversation.Id;
    }

    protected static string Describe(object value) => JsonSerializer.Serialize(value);

    private async Task PutAsync(IEnumerable<UserConversation> entries)
    {
        foreach (var entry in entries)
        {
            Assert.True(await Store.TryPutUserConversationAsync(entry, None));
        }
    }

    private static UserConversation Entry(string user, string conversationId, DateTimeOffset activity, long unread) => new()
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
    };

    private async Task<List<string>> WalkAsync(string user, int pageSize)
    {
        var seen = new List<string>();
        ConversationListPosition? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Store.GetUserConversationsAsync(user, after, pageSize, None);
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

    /// <summary>Now, to the millisecond (typing times are stored in epoch milliseconds; TTLs count from the real clock).</summary>
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private TypingState Typing1(DateTimeOffset expiresAt) => new(Id("typing"), User("typist"), expiresAt);

    /// <summary>The due states among <paramref name="mine"/> (the typing container is shared by every test).</summary>
    private async Task<IReadOnlyList<TypingState>> DueAsync(DateTimeOffset now, params TypingState[] mine)
    {
        var due = await Typing.GetDueAsync(now, 1000, None);
        return due.Where(d => mine.Any(m => m.ConversationId == d.ConversationId && m.UserId == d.UserId)).ToList();
    }

    private static TypingState Find(IReadOnlyList<TypingState> states, TypingState state) =>
        Assert.Single(states, s => s.ConversationId == state.ConversationId && s.UserId == state.UserId);

    private static string Keys(params IReadOnlyList<TypingState> states) =>
        string.Join(",", states.Select(s => s.ConversationId).Order(StringComparer.Ordinal));
}
