using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>Complete catch-up: <c>changes</c> of one conversation and <c>sync</c> of a user's conversations.</summary>
public class SyncServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Changes_ReturnEditsAndDeletesOfOlderMessages_ThatAfterCannotSee()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var first = await h.SendTextAsync(Alice, id, "one");
        var second = await h.SendTextAsync(Alice, id, "two");
        var start = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(), None);

        await h.Messages.EditAsync(Alice, id, first.Id, new EditMessageRequest("one (edited)"), None);
        await h.Messages.DeleteAsync(Alice, id, second.Id, None);
        var after = await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(After: "2"), None);
        var changes = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(start.Token), None);

        Assert.Empty(after.Items);
        Assert.Equal([first.Id, second.Id], changes.Items.Select(c => c.Message!.Id));
        Assert.Equal("one (edited)", changes.Items[0].Message!.Content);
        Assert.NotNull(changes.Items[1].Message!.DeletedAt);
        Assert.All(changes.Items, c => Assert.Equal(ChangeTypes.Message, c.Type));
        Assert.False(changes.HasMore);
    }

    [Fact]
    public async Task Changes_WithoutAToken_GiveATokenForNowAndEveryMembersPositions()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var sent = await h.SendTextAsync(Alice, id);
        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(sent.Id), None);

        var now = await h.Sync.GetChangesAsync(Carol, id, new ChangesRequest(), None);
        var nothingNew = await h.Sync.GetChangesAsync(Carol, id, new ChangesRequest(now.Token), None);

        Assert.Empty(now.Items);
        Assert.Empty(nothingNew.Items);
        Assert.Equal(["alice", "bob", "carol"], now.Participants.Select(p => p.UserId));
        var bob = now.Participants.Single(p => p.UserId == "bob");
        Assert.Equal((0L, 1L), (bob.ReadSequence, bob.DeliveredSequence));
        Assert.Equal(1, now.Participants.Single(p => p.UserId == "alice").ReadSequence);
    }

    [Fact]
    public async Task Changes_PageInChangeOrder_EachItemOnceInItsCurrentState()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var start = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(), None);
        var sent = new List<MessageDto>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await h.SendTextAsync(Alice, id, $"m{i}"));
        }

        await h.Messages.EditAsync(Alice, id, sent[1].Id, new EditMessageRequest("m1 edited"), None);

        var seen = new List<ChangeDto>();
        var token = start.Token;
        var pages = 0;
        while (true)
        {
            var page = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(token, Limit: 2), None);
            seen.AddRange(page.Items);
            token = page.Token;
            pages++;
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(seen.Select(c => c.Position).Order(), seen.Select(c => c.Position));
        Assert.Equal([sent[0].Id, sent[2].Id, sent[3].Id, sent[4].Id, sent[1].Id], seen.Select(c => c.Message!.Id));
        Assert.Equal("m1 edited", seen[^1].Message!.Content);
    }

    [Fact]
    public async Task Changes_ShowReplyPreviewsFromTheTargetsCurrentState_NothingOfADeletedTarget()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var target = await h.SendTextAsync(Alice, id, "secret plan");
        var start = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(), None);
        await h.Messages.SendAsync(Bob, id, new SendMessageRequest(Content: "ok", ReplyToId: target.Id), None);

        await h.Messages.DeleteAsync(Alice, id, target.Id, None);
        var changes = await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(start.Token), None);

        var reply = changes.Items.Single(c => c.Message!.Content == "ok").Message!;
        Assert.Equal(target.Id, reply.ReplyTo!.Id);
        Assert.Null(reply.ReplyTo.Preview);
        Assert.DoesNotContain("secret plan", System.Text.Json.JsonSerializer.Serialize(changes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_AnswerGone_ForATokenOlderThanTheRetention_AndNotFoundForANonMember()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var token = (await h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(), None)).Token;
        h.Clock.Advance(h.Options.Sync.Retention + TimeSpan.FromSeconds(1));

        var expired = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetChangesAsync(Bob, id, new ChangesRequest(token), None));
        var stranger = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetChangesAsync(Carol, id, new ChangesRequest(token), None));

        Assert.Equal((ChatErrorKind.Gone, ErrorCodes.SyncTokenExpired), (expired.Error.Kind, expired.Error.Code));
        Assert.Equal(ErrorCodes.ConversationNotFound, stranger.Error.Code);
    }

    [Fact]
    public async Task Changes_RefuseATokenOfAnotherConversation_OrOneThatWasAltered()
    {
        var h = new ChatHarness();
        var first = await h.DirectAsync(Alice, Bob);
        var second = await h.GroupAsync(Alice, Bob, Carol);
        var token = (await h.Sync.GetChangesAsync(Bob, first, new ChangesRequest(), None)).Token;
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var other = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetChangesAsync(Bob, second, new ChangesRequest(token), None));
        var edited = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetChangesAsync(Bob, first, new ChangesRequest(altered), None));

        Assert.Equal(ErrorCodes.InvalidCursor, other.Error.Code);
        Assert.Equal(ErrorCodes.InvalidCursor, edited.Error.Code);
    }

    [Fact]
    public async Task Sync_ReturnsTheConversationsWhoseStateForTheCallerChanged_SinceTheToken()
    {
        var h = new ChatHarness();
        var quiet = await h.DirectAsync(Alice, Carol);
        var busy = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Bob, Alice, Carol);
        await h.SendTextAsync(Bob, group, "hello group");
        h.Clock.Advance(h.Options.Sync.ClockMargin + TimeSpan.FromSeconds(1));
        var start = await h.Sync.GetSyncAsync(Alice, new SyncRequest(), None);

        await h.SendTextAsync(Bob, busy, "are you there?");
        await h.Receipts.MarkReadAsync(Alice, group, new MarkPositionRequest(), None);
        await h.ProjectAsync();
        var changed = await h.Sync.GetSyncAsync(Alice, new SyncRequest(start.Token), None);
        h.Clock.Advance(h.Options.Sync.ClockMargin + TimeSpan.FromSeconds(1));
        var repeated = await h.Sync.GetSyncAsync(Alice, new SyncRequest(changed.Token), None);
        var later = await h.Sync.GetSyncAsync(Alice, new SyncRequest(repeated.Token), None);

        Assert.Equal(new[] { busy, group }.Order(StringComparer.Ordinal), changed.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(1, changed.Items.Single(i => i.Id == busy).UnreadCount);
        Assert.Equal(0, changed.Items.Single(i => i.Id == group).UnreadCount);
        Assert.DoesNotContain(changed.Items, i => i.Id == quiet);
        Assert.Equal(changed.Items.Select(i => i.Id), repeated.Items.Select(i => i.Id));
        Assert.Empty(later.Items);
    }

    [Fact]
    public async Task Sync_RepeatsRecentEntries_WithinTheClockMargin_SoNoSlowProjectorIsMissed()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var start = await h.Sync.GetSyncAsync(Bob, new SyncRequest(), None);

        // The projector's clock is behind: its entry carries a time before the token was issued.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var stale = h.Clock.GetUtcNow() - TimeSpan.FromSeconds(40);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "late"), None);
        await new Chat.Shared.Application.ConversationListProjector(h.Store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(stale))
            .ApplyAsync(h.Store.DrainFeed(), None);
        var changed = await h.Sync.GetSyncAsync(Bob, new SyncRequest(start.Token), None);

        Assert.Equal([id], changed.Items.Select(i => i.Id));
        Assert.Equal(1, changed.Items[0].UnreadCount);
    }

    [Fact]
    public async Task Sync_PagesThroughEveryChangedConversation_InSyncOrder()
    {
        var h = new ChatHarness();
        var start = await h.Sync.GetSyncAsync(Alice, new SyncRequest(), None);
        var ids = new List<string>();
        foreach (var other in Enumerable.Range(0, 5).Select(i => new ChatUser($"friend{i}", null)))
        {
            ids.Add(await h.DirectAsync(other, Alice));
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        var token = start.Token;
        while (true)
        {
            var page = await h.Sync.GetSyncAsync(Alice, new SyncRequest(token, Limit: 2), None);
            seen.AddRange(page.Items.Select(i => i.Id));
            token = page.Token;
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Sync_AnswersGone_ForATokenOlderThanTheRetention_AndRefusesAnotherUsersToken()
    {
        var h = new ChatHarness();
        var token = (await h.Sync.GetSyncAsync(Alice, new SyncRequest(), None)).Token;

        var foreign = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetSyncAsync(Bob, new SyncRequest(token), None));
        h.Clock.Advance(h.Options.Sync.Retention + TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAsync<ChatException>(() => h.Sync.GetSyncAsync(Alice, new SyncRequest(token), None));

        Assert.Equal(ErrorCodes.InvalidCursor, foreign.Error.Code);
        Assert.Equal(ErrorCodes.SyncTokenExpired, expired.Error.Code);
    }
}
