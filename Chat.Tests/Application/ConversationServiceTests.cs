using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

public class ConversationServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_ReturnsSameDirectConversation_ForThePairInEitherOrder()
    {
        var h = new ChatHarness();

        var first = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id]), None);
        var second = await h.Conversations.CreateAsync(Bob, new CreateConversationRequest([Alice.Id]), None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Equal(ConversationKind.Direct, second.Value.Kind);
        Assert.Equal(["alice", "bob"], second.Value.Participants.Select(p => p.UserId).Order());
    }

    [Fact]
    public async Task Create_KeepsFirstMetadata_WhenDirectConversationExists()
    {
        var h = new ChatHarness();
        await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id], Metadata: new Dictionary<string, string> { ["orderId"] = "42" }), None);

        var again = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id], Metadata: new Dictionary<string, string> { ["orderId"] = "99" }), None);

        Assert.Equal("42", again.Value.Metadata["orderId"]);
    }

    [Fact]
    public async Task Create_MakesNewGroupEachTime_WithCallerIncludedOnce()
    {
        var h = new ChatHarness();

        var a = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id, Carol.Id, Alice.Id, Bob.Id], "Team"), None);
        var b = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id, Carol.Id], "Team"), None);

        Assert.True(a.Created);
        Assert.NotEqual(a.Value.Id, b.Value.Id);
        Assert.Equal(ConversationKind.Group, a.Value.Kind);
        Assert.Equal(3, a.Value.Participants.Count);
        Assert.Equal("Team", a.Value.Title);
    }

    [Theory]
    [InlineData(new string[0], ErrorCodes.ParticipantsRequired)]
    [InlineData(new[] { "alice" }, ErrorCodes.ParticipantsRequired)]
    [InlineData(new[] { "" }, ErrorCodes.InvalidParticipantId)]
    [InlineData(new[] { "bob/../x" }, ErrorCodes.InvalidParticipantId)]
    [InlineData(new[] { "has space" }, ErrorCodes.InvalidParticipantId)]
    [InlineData(new[] { "what?" }, ErrorCodes.InvalidParticipantId)]
    public async Task Create_RejectsParticipantLists_ThatAreEmptyOrMalformed(string[] participants, string code)
    {
        var h = new ChatHarness();
        var before = h.Store.Snapshot();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest(participants), None));

        Assert.Equal(code, error.Error.Code);
        Assert.Equal(ChatErrorKind.Validation, error.Error.Kind);
        Assert.Equal(before, h.Store.Snapshot());
    }

    [Fact]
    public async Task Create_RejectsNullParticipants()
    {
        var h = new ChatHarness();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest(null), None));

        Assert.Equal(ErrorCodes.ParticipantsRequired, error.Error.Code);
    }

    [Fact]
    public async Task Create_AllowsExactlyMaxParticipants_IncludingCaller_AndRejectsOneMore()
    {
        var h = new ChatHarness(new ChatOptions { MaxParticipants = 5 });
        var four = Enumerable.Range(0, 4).Select(i => $"user{i}").ToList();

        var ok = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(four), None);
        var error = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest([.. four, "user4"]), None));

        Assert.Equal(5, ok.Value.Participants.Count);
        Assert.Equal(ErrorCodes.TooManyParticipants, error.Error.Code);
    }

    [Fact]
    public async Task Create_RejectsTitleOverLimit_AndControlCharacters()
    {
        var h = new ChatHarness(new ChatOptions { MaxTitleLength = 10 });

        var tooLong = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id, Carol.Id], new string('t', 11)), None));
        var control = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id, Carol.Id], "a\u0007b"), None));

        Assert.Equal(ErrorCodes.TitleTooLong, tooLong.Error.Code);
        Assert.Equal(ErrorCodes.InvalidTitle, control.Error.Code);
    }

    [Fact]
    public async Task Create_RejectsMetadataOverLimits()
    {
        var h = new ChatHarness();
        var tooMany = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", _ => "v");
        var tooLongValue = new Dictionary<string, string> { ["k"] = new string('v', 257) };

        var a = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id], Metadata: tooMany), None));
        var b = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id], Metadata: tooLongValue), None));

        Assert.Equal(ErrorCodes.MetadataTooManyKeys, a.Error.Code);
        Assert.Equal(ErrorCodes.MetadataInvalid, b.Error.Code);
    }

    [Fact]
    public async Task Create_AcceptsMetadataAtTheLimits()
    {
        var h = new ChatHarness();
        var sixteen = Enumerable.Range(0, 16).ToDictionary(i => $"k{i}", _ => new string('v', 256));

        var created = await h.Conversations.CreateAsync(Alice, new CreateConversationRequest([Bob.Id], Metadata: sixteen), None);

        Assert.Equal(16, created.Value.Metadata.Count);
    }

    [Fact]
    public async Task Get_AnswersNotFound_ForNonParticipant_AsIfItDidNotExist()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var hidden = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.GetAsync(Mallory, id, None));
        var missing = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.GetAsync(Mallory, "d_doesnotexist", None));

        Assert.Equal(ChatErrorKind.NotFound, hidden.Error.Kind);
        Assert.Equal(missing.Error, hidden.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a b")]
    [InlineData(null)]
    public async Task Get_RejectsMalformedIds_BeforeAnyRead(string? id)
    {
        var h = new ChatHarness();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.GetAsync(Alice, id, None));

        Assert.Equal(ErrorCodes.InvalidId, error.Error.Code);
        Assert.False(h.Store.Calls.ContainsKey("GetConversationAsync"));
    }

    [Fact]
    public async Task Get_ShowsEachParticipantsReadAndDeliveryPosition()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var m1 = await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);
        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(m1.Id), None);

        var conversation = await h.Conversations.GetAsync(Bob, id, None);

        var bob = conversation.Participants.Single(p => p.UserId == Bob.Id);
        var alice = conversation.Participants.Single(p => p.UserId == Alice.Id);
        Assert.Equal(0, bob.ReadSequence);
        Assert.Equal(1, bob.DeliveredSequence);
        Assert.Equal(2, alice.ReadSequence);
        Assert.Equal(2, conversation.UnreadCount);
    }

    [Fact]
    public async Task List_OrdersByLatestActivity_AndPagesWithCursor()
    {
        var h = new ChatHarness();
        var withBob = await h.DirectAsync(Alice, Bob);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var withCarol = await h.DirectAsync(Alice, Carol);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var group = await h.GroupAsync(Alice, Bob, Carol);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.SendTextAsync(Bob, withBob);

        var first = await h.Conversations.ListAsync(Alice, new ConversationListRequest(Limit: 2), None);
        var second = await h.Conversations.ListAsync(Alice, new ConversationListRequest(first.NextCursor, 2), None);

        Assert.Equal([withBob, group], first.Items.Select(c => c.Id));
        Assert.True(first.HasMore);
        Assert.Equal([withCarol], second.Items.Select(c => c.Id));
        Assert.False(second.HasMore);
        Assert.Null(second.NextCursor);
        Assert.Equal(1, first.Items[0].UnreadCount);
        Assert.Equal("hello", first.Items[0].LastMessage!.Text);
    }

    [Fact]
    public async Task List_ShowsOnlyTheCallersConversations()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Alice, Bob);
        var mine = await h.DirectAsync(Mallory, Carol);

        var page = await h.Conversations.ListAsync(Mallory, new ConversationListRequest(), None);

        Assert.Equal([mine], page.Items.Select(c => c.Id));
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("bTE6NQ")]
    [InlineData("YzE6MTIzfC4uLy4u")]
    public async Task List_RejectsCursorsItDidNotIssue(string cursor)
    {
        var h = new ChatHarness();

        var error = await Assert.ThrowsAsync<ChatException>(() => h.Conversations.ListAsync(Alice, new ConversationListRequest(cursor), None));

        Assert.Equal(ErrorCodes.InvalidCursor, error.Error.Code);
    }

    [Fact]
    public async Task Unread_CountsOthersMessagesPerConversation_AndTotals()
    {
        var h = new ChatHarness();
        var withBob = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Carol, Alice, Bob);
        await h.SendTextAsync(Bob, withBob);
        await h.SendTextAsync(Bob, withBob);
        await h.SendTextAsync(Carol, group);
        await h.SendTextAsync(Alice, group);
        await h.SendTextAsync(Carol, group);

        var unread = await h.Conversations.GetUnreadAsync(Alice, None);

        Assert.Equal(3, unread.Total);
        Assert.Equal(2, unread.Conversations.Single(c => c.ConversationId == withBob).UnreadCount);
        Assert.Equal(1, unread.Conversations.Single(c => c.ConversationId == group).UnreadCount);
    }

    [Fact]
    public async Task Unread_NeverCountsTheSendersOwnMessages()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Alice, id);

        var alice = await h.Conversations.GetUnreadAsync(Alice, None);
        var bob = await h.Conversations.GetUnreadAsync(Bob, None);

        Assert.Equal(0, alice.Total);
        Assert.Empty(alice.Conversations);
        Assert.Equal(2, bob.Total);
    }

    [Fact]
    public async Task Unread_ReadsOnlyTheUsersOwnPartition_NotTheConversations()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Bob, id);
        h.Store.Calls.Clear();

        await h.Conversations.GetUnreadAsync(Alice, None);

        Assert.Equal(["GetUnreadConversationsAsync"], h.Store.Calls.Keys);
        Assert.Equal(1, h.Store.Calls["GetUnreadConversationsAsync"]);
    }
}
