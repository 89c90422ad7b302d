using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Tests.Doubles;
using static Chat.Tests.Doubles.ChatHarness;

namespace Chat.Tests.Application;

public class ConversationProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Project_GivesEachParticipantTheirOwnUnreadCount()
    {
        var conversation = Sample(lastSequence: 7, ("alice", 7), ("bob", 3), ("carol", 0));

        var entries = ConversationProjection.Project(conversation);

        Assert.Equal([("alice", 0L), ("bob", 4L), ("carol", 7L)], entries.Select(e => (e.UserId, e.UnreadCount)));
        Assert.All(entries, e => Assert.Equal(["alice", "bob", "carol"], e.ParticipantIds));
        Assert.All(entries, e => Assert.Equal(conversation.LastActivityAt, e.LastActivityAt));
    }

    [Fact]
    public async Task Apply_ReplayedBatch_ConvergesToTheSameLists()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var projector = new ConversationListProjector(store);
        var older = Sample(lastSequence: 2, ("alice", 2), ("bob", 0));
        var newer = older with { LastSequence = 5, LastActivityAt = T0.AddMinutes(5) };

        await projector.ApplyAsync([older, newer], CancellationToken.None);
        var first = await ListsAsync(store);
        await projector.ApplyAsync([older, newer], CancellationToken.None);
        await projector.ApplyAsync([newer], CancellationToken.None);
        var replayed = await ListsAsync(store);

        Assert.Equal(first, replayed);
        Assert.Contains("bob:c_1:5", replayed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_TakesTheLastVersionOfEachConversationInABatch()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var projector = new ConversationListProjector(store);
        var unread = Sample(lastSequence: 4, ("alice", 4), ("bob", 0));
        var read = unread.WithParticipant("bob", p => p with { ReadSequence = 4 });

        await projector.ApplyAsync([unread, read], CancellationToken.None);

        Assert.Empty(await store.GetUnreadConversationsAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task Apply_Receipts_RewriteOnlyTheReadersEntry_AndDeliveryNone()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var projector = new ConversationListProjector(store);
        var sent = Sample(lastSequence: 2, ("alice", 2), ("bob", 0), ("carol", 0)) with { Version = 3 };
        var delivered = sent.WithParticipant("bob", p => p with { DeliveredSequence = 2 }) with { Version = 4 };
        var read = delivered.WithParticipant("carol", p => p with { ReadSequence = 2 }) with { Version = 5 };

        var afterSend = await projector.ApplyAsync([sent], CancellationToken.None);
        store.Calls.Clear();
        var afterDelivered = await projector.ApplyAsync([delivered], CancellationToken.None);
        var writesForDelivered = store.Calls.GetValueOrDefault(nameof(InMemoryChatStore.TryPutUserConversationAsync));
        var afterRead = await projector.ApplyAsync([read], CancellationToken.None);

        Assert.Equal(3, afterSend.Count);
        Assert.Empty(afterDelivered);
        Assert.Equal(0, writesForDelivered);
        Assert.Equal(["carol"], afterRead.Select(e => e.UserId));
        Assert.Equal(1, store.Calls[nameof(InMemoryChatStore.TryPutUserConversationAsync)]);
        Assert.Equal(0, ((ConversationSummaryDto)afterRead[0].Payload).UnreadCount);
    }

    [Fact]
    public async Task Apply_OlderVersionDeliveredLate_NeverRollsAListBack()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var projector = new ConversationListProjector(store);
        var older = Sample(lastSequence: 2, ("alice", 2), ("bob", 0)) with { Version = 2 };
        var newer = Sample(lastSequence: 4, ("alice", 4), ("bob", 0)) with { Version = 4 };

        await projector.ApplyAsync([newer], CancellationToken.None);
        var late = await projector.ApplyAsync([older], CancellationToken.None);

        Assert.Empty(late);
        Assert.Equal(4, Assert.Single(await store.GetUnreadConversationsAsync("bob", CancellationToken.None)).UnreadCount);
    }

    [Fact]
    public async Task Apply_ReturnsConversationUpdatedForEachParticipant()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var projector = new ConversationListProjector(store);

        var events = await projector.ApplyAsync([Sample(lastSequence: 2, ("alice", 2), ("bob", 1))], CancellationToken.None);

        Assert.Equal(["alice", "bob"], events.Select(e => e.UserId).Order());
        Assert.All(events, e => Assert.Equal(EventTargets.ConversationUpdated, e.Target));
        var toBob = Assert.IsType<ConversationSummaryDto>(events.Single(e => e.UserId == "bob").Payload);
        Assert.Equal(1, toBob.UnreadCount);
        Assert.Equal("c_1", toBob.Id);
    }

    [Fact]
    public async Task Projection_MatchesWhatTheServicesShow_AfterRealOperations()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.SendTextAsync(Alice, id);
        await h.SendTextAsync(Bob, id);
        await h.Receipts.MarkReadAsync(Carol, id, new MarkPositionRequest(), CancellationToken.None);
        await h.SendTextAsync(Alice, id);
        var conversation = (await h.Store.GetConversationAsync(id, CancellationToken.None))!;

        var entries = ConversationProjection.Project(conversation).ToDictionary(e => e.UserId);

        Assert.Equal(0, entries["alice"].UnreadCount);
        Assert.Equal(1, entries["bob"].UnreadCount);
        Assert.Equal(1, entries["carol"].UnreadCount);
    }

    private static async Task<string> ListsAsync(InMemoryChatStore store)
    {
        var lines = new List<string>();
        foreach (var user in new[] { "alice", "bob" })
        {
            foreach (var e in await store.GetUserConversationsAsync(user, null, 100, CancellationToken.None))
            {
                lines.Add($"{e.UserId}:{e.ConversationId}:{e.UnreadCount}:{e.LastActivityAt:O}");
            }
        }

        return string.Join('\n', lines);
    }

    private static Conversation Sample(long lastSequence, params (string User, long Read)[] participants) => new()
    {
        Id = "c_1",
        Kind = participants.Length == 2 ? ConversationKind.Direct : ConversationKind.Group,
        CreatedBy = participants[0].User,
        CreatedAt = T0,
        Participants = participants.Select(p => new Participant(p.User, null, T0, p.Read)).ToList(),
        LastSequence = lastSequence,
        LastActivityAt = T0.AddMinutes(lastSequence),
    };
}
