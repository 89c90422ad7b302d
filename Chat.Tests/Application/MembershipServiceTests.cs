using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>Membership, roles, lifecycle, the caller's own settings and reactions, through the services.</summary>
public class MembershipServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ChatUser Dave = new("dave", "Dave");

    [Fact]
    public async Task Membership_KeyedCreate_GivesTheSameGroupToTheSameCallerAndKey_AndAnotherToOthers()
    {
        var h = new ChatHarness();

        var first = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"], "Trip", Key: "trip-1"), None);
        var again = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob", "carol"], "Other", Key: "trip-1"), None);
        var bobs = await h.Conversations.CreateAsync(Bob, new CreateConversationRequest(["alice"], Key: "trip-1"), None);
        var unkeyed = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"]), None);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Value.Id, again.Value.Id);
        Assert.Equal(("Trip", ConversationKind.Group), (again.Value.Title, again.Value.Kind));
        Assert.Equal(["alice", "bob"], again.Value.Participants.Select(p => p.UserId));
        Assert.NotEqual(first.Value.Id, bobs.Value.Id);
        Assert.Equal(ConversationKind.Direct, unkeyed.Value.Kind);
        Assert.Equal(MemberRole.Owner, first.Value.Me.Role);
    }

    [Fact]
    public async Task Participant_Add_JoinsTheGroupWithFullHistoryAndNoUnread_PostsASystemMessage_AndAnnouncesIt()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.SendTextAsync(Bob, id, "before carol");

        var added = await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["carol", "dave"]), None);
        await h.ProjectAsync();

        Assert.Equal(["alice", "bob", "carol", "dave"], added.Value!.Participants.Select(p => p.UserId));
        Assert.Equal([new GroupChange(id, "carol", true), new GroupChange(id, "dave", true)], added.Groups);
        var changed = Assert.IsType<ParticipantsChangedEvent>(Assert.Single(added.Events, e => e.Target == EventTargets.ParticipantsChanged).Payload);
        Assert.Equal(["carol", "dave"], changed.Added);
        var system = Assert.IsType<MessageDto>(Assert.Single(added.Events, e => e.Target == EventTargets.MessageCreated).Payload);
        Assert.Equal((MessageType.System, SystemEvents.MembersAdded), (system.Type, system.SystemEvent));
        Assert.Equal(["carol", "dave"], system.SystemUserIds);
        var history = await h.Messages.GetHistoryAsync(Carol, id, new HistoryRequest(), None);
        Assert.Equal(["before carol", system.Content], history.Items.Select(m => m.Content));
        Assert.Equal(0, (await h.Conversations.GetAsync(Carol, id, None)).UnreadCount);
        Assert.Equal(0, (await h.Conversations.GetAsync(Alice, id, None)).UnreadCount);
        Assert.Contains((await h.Conversations.ListAsync(Dave, new ConversationListRequest(), None)).Items, c => c.Id == id);
    }

    [Fact]
    public async Task Participant_Add_BeyondTheParticipantLimit_IsRefused_AndChangesNothing_ButReAddingAnActiveMemberIsNoChange()
    {
        var h = new ChatHarness(new ChatOptions { MaxParticipants = 4 });
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["dave", "erin"]), None));
        var afterRefusal = h.Store.Snapshot();
        var again = await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["bob"]), None);
        var filled = await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["dave"]), None);

        Assert.Equal((ChatErrorKind.Validation, ErrorCodes.TooManyParticipants), (error.Error.Kind, error.Error.Code));
        Assert.Empty(again.Events);
        Assert.Equal(snapshot, afterRefusal);
        Assert.Equal(["alice", "bob", "carol", "dave"], filled.Value!.Participants.Select(p => p.UserId));
    }

    [Fact]
    public async Task Participant_Remove_EndsAccessAtOnce_LeavesTheGroup_AndTellsTheRemovedMember()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);

        var removed = await h.Membership.RemoveParticipantAsync(Alice, id, "carol", None);
        await h.ProjectAsync();

        Assert.Equal(["alice", "bob"], removed.Value!.Participants.Select(p => p.UserId));
        Assert.Equal([new GroupChange(id, "carol", false)], removed.Groups);
        Assert.Contains(removed.Events, e => e.Target == EventTargets.ParticipantsChanged && e.Audience == EventAudience.User("carol"));
        Assert.Contains(removed.Events, e => e.Target == EventTargets.ParticipantsChanged && e.Audience == EventAudience.Conversation(id));
        foreach (var call in CallsOf(h, Carol, id))
        {
            var error = await Assert.ThrowsAsync<ChatException>(call);
            Assert.Equal(ErrorCodes.ConversationNotFound, error.Error.Code);
        }

        Assert.DoesNotContain((await h.Conversations.ListAsync(Carol, new ConversationListRequest(), None)).Items, c => c.Id == id);
        var left = Assert.Single((await h.Sync.GetSyncAsync(Carol, new SyncRequest(TokenBefore(h, Carol)), None)).Items, i => i.Id == id);
        Assert.Equal(MemberState.Left, left.State);
    }

    [Fact]
    public async Task Participant_ReAdded_GetsAccessBack_AndOnlyWhatWasWrittenSinceCountsAsUnread()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.Membership.RemoveParticipantAsync(Alice, id, "carol", None);
        await h.SendTextAsync(Bob, id, "while carol was away");

        await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["carol"]), None);
        await h.SendTextAsync(Bob, id, "welcome back");

        var conversation = await h.Conversations.GetAsync(Carol, id, None);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Contains((await h.Messages.GetHistoryAsync(Carol, id, new HistoryRequest(), None)).Items, m => m.Content == "while carol was away");
    }

    [Fact]
    public async Task Participant_Leave_ByTheLastOwner_HandsOwnershipToTheLongestStandingAdmin_ElseMember()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol, Dave);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Membership.ChangeRoleAsync(Alice, id, "dave", new ChangeRoleRequest("admin"), None);

        var left = await h.Membership.RemoveParticipantAsync(Alice, id, "alice", None);
        var bobView = await h.Conversations.GetAsync(Bob, id, None);
        var daveLeaves = await h.Membership.RemoveParticipantAsync(Dave, id, "dave", None);
        var afterDave = await h.Conversations.GetAsync(Bob, id, None);

        Assert.Null(left.Value);
        Assert.Equal(MemberRole.Owner, bobView.Participants.Single(p => p.UserId == "dave").Role);
        Assert.Contains(left.Events, e => e.Payload is MessageDto { SystemEvent: SystemEvents.OwnerHandedOver } m && m.SystemUserIds.SequenceEqual(["dave"]));
        Assert.Null(daveLeaves.Value);
        Assert.Equal(MemberRole.Owner, afterDave.Participants.Single(p => p.UserId == "bob").Role);
    }

    [Theory]
    [InlineData("member", "admin", ErrorCodes.RoleRequired)]
    [InlineData("admin", "admin", ErrorCodes.RoleRequired)]
    [InlineData("admin", "owner", ErrorCodes.RoleRequired)]
    public async Task Participant_Remove_ByARoleThatMayNot_IsForbidden_AndChangesNothing(string actorRole, string targetRole, string code)
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await SetRoleAsync(h, id, "bob", actorRole);
        await SetRoleAsync(h, id, "carol", targetRole);
        var snapshot = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Membership.RemoveParticipantAsync(Bob, id, "carol", None));

        Assert.Equal((ChatErrorKind.Forbidden, code), (error.Error.Kind, error.Error.Code));
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    [Fact]
    public async Task Participant_RoleChange_OnlyByOwners_AndNeverLeavesAGroupWithoutOwner()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest("admin"), None);

        var byAdmin = await Assert.ThrowsAsync<ChatException>(() => h.Membership.ChangeRoleAsync(Bob, id, "alice", new ChangeRoleRequest("member"), None));
        var lastOwner = await Assert.ThrowsAsync<ChatException>(() => h.Membership.ChangeRoleAsync(Alice, id, "alice", new ChangeRoleRequest("admin"), None));
        await h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest("owner"), None);
        var demoted = await h.Membership.ChangeRoleAsync(Alice, id, "alice", new ChangeRoleRequest("member"), None);

        Assert.Equal(ErrorCodes.RoleRequired, byAdmin.Error.Code);
        Assert.Equal(ErrorCodes.LastOwner, lastOwner.Error.Code);
        Assert.Equal(MemberRole.Member, demoted.Value!.Me.Role);
        Assert.Equal(0, demoted.Value.UnreadCount);
    }

    [Fact]
    public async Task Membership_DirectConversations_HaveFixedMembershipAndNoRoles()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var snapshot = h.Store.Snapshot();

        var calls = new Func<Task>[]
        {
            () => h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["carol"]), None),
            () => h.Membership.RemoveParticipantAsync(Alice, id, "bob", None),
            () => h.Membership.RemoveParticipantAsync(Alice, id, "alice", None),
            () => h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest("admin"), None),
            () => h.Membership.CloseAsync(Alice, id, None),
        };
        foreach (var call in calls)
        {
            Assert.Equal(ErrorCodes.NotAGroup, (await Assert.ThrowsAsync<ChatException>(call)).Error.Code);
        }

        var title = await Assert.ThrowsAsync<ChatException>(() => h.Membership.UpdateAsync(Alice, id, new UpdateConversationRequest("Title"), None));
        Assert.Equal(ErrorCodes.TitleNotAllowed, title.Error.Code);
        Assert.Equal(snapshot, h.Store.Snapshot());
        var metadata = await h.Membership.UpdateAsync(Bob, id, new UpdateConversationRequest(Metadata: new Dictionary<string, string> { ["orderId"] = "o-9" }), None);
        Assert.Equal("o-9", metadata.Value!.Metadata["orderId"]);
    }

    [Fact]
    public async Task Lifecycle_Close_RefusesSendsEditsReactionsAndTyping_ButHistoryReceiptsAndChangesWork()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Bob, id, "last words");
        var token = (await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(), None)).Token;

        var closed = await h.Membership.CloseAsync(Alice, id, None);

        Assert.NotNull(closed.Value!.ClosedAt);
        Assert.Contains(closed.Events, e => e.Payload is MessageDto { SystemEvent: SystemEvents.ConversationClosed });
        var refused = new Func<Task>[]
        {
            () => h.Messages.SendAsync(Bob, id, new SendMessageRequest(Content: "hello?"), None),
            () => h.Messages.EditAsync(Bob, id, sent.Id, new EditMessageRequest("edited"), None),
            () => h.Messages.ReactAsync(Bob, id, sent.Id, "👍", add: true, None),
            () => h.TypingService.SetAsync(Bob, id, new TypingRequest(true), None),
        };
        foreach (var call in refused)
        {
            Assert.Equal(ErrorCodes.ConversationClosed, (await Assert.ThrowsAsync<ChatException>(call)).Error.Code);
        }

        await h.Receipts.MarkReadAsync(Alice, id, new MarkPositionRequest(), None);
        Assert.NotEmpty((await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(), None)).Items);
        var changes = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(token), None);
        Assert.Contains(changes.Items, c => c.Conversation?.ClosedAt is not null);
        var reopened = await h.Membership.ReopenAsync(Alice, id, None);
        Assert.Null(reopened.Value!.ClosedAt);
        Assert.True((await h.Messages.SendAsync(Bob, id, new SendMessageRequest(Content: "back"), None)).Created);
    }

    [Fact]
    public async Task Lifecycle_RenameBySomeoneWhoMayNot_IsForbidden_AndARenameIsAnnouncedToEveryMember()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);

        var byMember = await Assert.ThrowsAsync<ChatException>(() => h.Membership.UpdateAsync(Bob, id, new UpdateConversationRequest("Mine"), None));
        var renamed = await h.Membership.UpdateAsync(Alice, id, new UpdateConversationRequest("Weekend"), None);
        var updates = await h.ProjectAsync();

        Assert.Equal(ErrorCodes.RoleRequired, byMember.Error.Code);
        Assert.Equal("Weekend", renamed.Value!.Title);
        Assert.Equal(["alice", "bob"], updates.Where(e => e.Target == EventTargets.ConversationUpdated).Select(e => e.Audience.UserId).Order());
    }

    [Fact]
    public async Task Membership_OwnSettings_MuteLeavesTheBadgeTotal_ArchiveLeavesTheListUntilANewMessage()
    {
        var h = new ChatHarness();
        var muted = await h.DirectAsync(Alice, Bob);
        var archived = await h.GroupAsync(Carol, Alice);
        await h.SendTextAsync(Bob, muted, "noise");
        await h.SendTextAsync(Carol, archived, "old news");

        var mutedState = await h.Membership.UpdateMeAsync(Alice, muted, new UpdateMeRequest(Muted: Json("true")), None);
        await h.Membership.UpdateMeAsync(Alice, archived, new UpdateMeRequest(Archived: true), None);
        await h.ProjectAsync();
        var inbox = await h.Conversations.ListAsync(Alice, new ConversationListRequest(), None);
        var archive = await h.Conversations.ListAsync(Alice, new ConversationListRequest(Archived: true), None);
        var badge = await h.Conversations.GetUnreadAsync(Alice, None);
        await h.SendTextAsync(Carol, archived, "news");
        var inboxAfter = await h.Conversations.ListAsync(Alice, new ConversationListRequest(), None);

        Assert.True(mutedState.Muted);
        Assert.Equal([muted], inbox.Items.Select(i => i.Id));
        Assert.Equal([archived], archive.Items.Select(i => i.Id));
        Assert.Equal(1, badge.Total);
        Assert.Contains(badge.Conversations, c => c.ConversationId == muted && c.Muted);
        Assert.Contains(inboxAfter.Items, i => i.Id == archived);
    }

    [Fact]
    public async Task Membership_MuteUntilATime_EndsByItself()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Bob, id, "ping");
        var until = h.Clock.GetUtcNow().AddHours(1);

        await h.Membership.UpdateMeAsync(Alice, id, new UpdateMeRequest(Muted: Json($"\"{until:O}\"")), None);
        await h.ProjectAsync();
        var during = await h.Conversations.GetUnreadAsync(Alice, None);
        h.Clock.Advance(TimeSpan.FromHours(2));
        var after = await h.Conversations.GetUnreadAsync(Alice, None);

        Assert.Equal(0, during.Total);
        Assert.Equal(1, after.Total);
    }

    [Fact]
    public async Task Membership_ListFilters_ByKeyAndByOneMetadataValue_FromTheCallersPartition()
    {
        var h = new ChatHarness();
        var keyed = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"], Key: "order-7"), None)).Value.Id;
        var north = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["carol"], Metadata: new Dictionary<string, string> { ["shop"] = "north" }), None)).Value.Id;
        await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["dave"], Metadata: new Dictionary<string, string> { ["shop"] = "south" }), None);
        await h.ProjectAsync();
        h.Store.Calls.Clear();

        var byKey = await h.Conversations.ListAsync(Alice, new ConversationListRequest(Key: "order-7"), None);
        var byMetadata = await h.Conversations.ListAsync(Alice, new ConversationListRequest(Metadata: new("shop", "north")), None);

        Assert.Equal([keyed], byKey.Items.Select(i => i.Id));
        Assert.Equal([north], byMetadata.Items.Select(i => i.Id));
        Assert.Equal(2, h.Store.Calls["GetUserConversationsAsync"]);
        Assert.Single(h.Store.Calls);
    }

    [Fact]
    public async Task Reaction_AddAndRemove_OwnOnly_CountsAndOwnOnEveryView_MessageUpdatedAndInChanges()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var sent = await h.SendTextAsync(Alice, id, "lunch?");
        var token = (await h.Sync.GetChangesAsync(Carol, id, new ChangesRequest(), None)).Token;

        var bobs = await h.Messages.ReactAsync(Bob, id, sent.Id, "👍", add: true, None);
        var carols = await h.Messages.ReactAsync(Carol, id, sent.Id, "👍", add: true, None);
        var again = await h.Messages.ReactAsync(Carol, id, sent.Id, "👍", add: true, None);
        var removed = await h.Messages.ReactAsync(Bob, id, sent.Id, "👍", add: false, None);
        var asAlice = Assert.Single((await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None)).Items);
        var changes = await h.Sync.GetChangesAsync(Carol, id, new ChangesRequest(token), None);

        Assert.Equal(["👍"], bobs.Value.OwnReactions);
        Assert.Equal(2, Assert.Single(carols.Value.Reactions).Count);
        Assert.Empty(again.Events);
        Assert.Equal(EventTargets.MessageUpdated, Assert.Single(removed.Events).Target);
        Assert.Empty(removed.Value.OwnReactions);
        Assert.Equal(new ReactionDto("👍", 1, ["carol"]), Assert.Single(asAlice.Reactions), new ReactionComparer());
        Assert.Empty(asAlice.OwnReactions);
        Assert.Equal(["carol"], Assert.Single(changes.Items).Message!.Reactions.Single().UserIds);
    }

    [Fact]
    public async Task Reaction_OutsideTheAllowList_OverTheLimit_OrOnADeletedMessage_IsRefusedAndChangesNothing()
    {
        var h = new ChatHarness(new ChatOptions { MaxReactionsPerMessage = 2, AllowedReactions = "a,b,c" });
        var id = await h.DirectAsync(Alice, Bob);
        var sent = await h.SendTextAsync(Alice, id);
        var gone = await h.SendTextAsync(Bob, id);
        await h.Messages.DeleteAsync(Bob, id, gone.Id, None);
        await h.Messages.ReactAsync(Bob, id, sent.Id, "a", add: true, None);
        await h.Messages.ReactAsync(Bob, id, sent.Id, "b", add: true, None);
        var snapshot = h.Store.Snapshot();

        var notAllowed = await Assert.ThrowsAsync<ChatException>(() => h.Messages.ReactAsync(Bob, id, sent.Id, "z", add: true, None));
        var overLimit = await Assert.ThrowsAsync<ChatException>(() => h.Messages.ReactAsync(Bob, id, sent.Id, "c", add: true, None));
        var deleted = await Assert.ThrowsAsync<ChatException>(() => h.Messages.ReactAsync(Alice, id, gone.Id, "a", add: true, None));
        var malformed = await Assert.ThrowsAsync<ChatException>(() => h.Messages.ReactAsync(Alice, id, sent.Id, "two words", add: true, None));

        Assert.Equal(ErrorCodes.ReactionNotAllowed, notAllowed.Error.Code);
        Assert.Equal(ErrorCodes.ReactionLimitReached, overLimit.Error.Code);
        Assert.Equal(ErrorCodes.MessageDeleted, deleted.Error.Code);
        Assert.Equal(ErrorCodes.InvalidReaction, malformed.Error.Code);
        Assert.Equal(snapshot, h.Store.Snapshot());
    }

    private static async Task SetRoleAsync(ChatHarness h, string id, string userId, string role)
    {
        if (role != "member")
        {
            await h.Membership.ChangeRoleAsync(Alice, id, userId, new ChangeRoleRequest(role), None);
        }
    }

    /// <summary>Every route of a conversation, as its member would call it.</summary>
    private static IEnumerable<Func<Task>> CallsOf(ChatHarness h, ChatUser user, string id) =>
    [
        () => h.Conversations.GetAsync(user, id, None),
        () => h.Messages.SendAsync(user, id, new SendMessageRequest(Content: "hi"), None),
        () => h.Messages.GetHistoryAsync(user, id, new HistoryRequest(), None),
        () => h.Receipts.MarkReadAsync(user, id, new MarkPositionRequest(), None),
        () => h.TypingService.SetAsync(user, id, new TypingRequest(true), None),
        () => h.Sync.GetChangesAsync(user, id, new ChangesRequest(), None),
        () => h.Membership.RemoveParticipantAsync(user, id, user.Id, None),
        () => h.Membership.UpdateMeAsync(user, id, new UpdateMeRequest(Archived: true), None),
        () => h.Attachments.ReserveAsync(user, id, new ReserveAttachmentRequest("a.png", "image/png", 10), None),
    ];

    private static string TokenBefore(ChatHarness h, ChatUser user) =>
        Chat.Shared.Domain.Cursors.ForSync(new SyncToken(user.Id, new SyncPosition(DateTimeOffset.MinValue, ""), h.Clock.GetUtcNow()));

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();

    private sealed class ReactionComparer : IEqualityComparer<ReactionDto>
    {
        public bool Equals(ReactionDto? x, ReactionDto? y) =>
            x is not null && y is not null && x.Reaction == y.Reaction && x.Count == y.Count && x.UserIds.SequenceEqual(y.UserIds);

        public int GetHashCode(ReactionDto obj) => obj.Reaction.GetHashCode(StringComparison.Ordinal);
    }
}
