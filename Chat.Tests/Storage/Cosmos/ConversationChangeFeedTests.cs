using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos;
using Chat.Shared.Storage;
using Chat.Tests.Doubles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Storage.Cosmos;

public class ConversationChangeFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Handle_ProjectsOnlyConversationDocuments_AndAnnouncesToEachParticipant()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var feed = Feed(store);
        var conversation = Conversation(lastSequence: 2, bobRead: 0);
        var message = JsonSerializer.SerializeToElement(new { id = "m_1", conversationId = "g_1", type = "message", sequence = 2, content = "hi" });

        var events = await feed.HandleAsync([message, Raw(conversation)], CancellationToken.None);

        Assert.Equal(["alice", "bob"], events.Select(e => e.UserId).Order());
        Assert.All(events, e => Assert.Equal(EventTargets.ConversationUpdated, e.Target));
        var unread = await store.GetUnreadConversationsAsync("bob", CancellationToken.None);
        Assert.Equal(2, Assert.Single(unread).UnreadCount);
    }

    [Fact]
    public async Task Handle_Replay_LeavesTheSameLists()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var feed = Feed(store);
        var batch = new[] { Raw(Conversation(lastSequence: 3, bobRead: 1)), Raw(Conversation(lastSequence: 3, bobRead: 3)) };

        await feed.HandleAsync(batch, CancellationToken.None);
        var first = store.Snapshot();
        await feed.HandleAsync(batch, CancellationToken.None);

        Assert.Equal(first, store.Snapshot());
        Assert.Empty(await store.GetUnreadConversationsAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task Handle_BatchWithoutConversations_WritesAndSendsNothing()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var feed = Feed(store);
        var attachment = JsonSerializer.SerializeToElement(new { id = "a_1", conversationId = "g_1", type = "attachment" });

        var events = await feed.HandleAsync([attachment], CancellationToken.None);

        Assert.Empty(events);
        Assert.False(store.Calls.ContainsKey(nameof(InMemoryChatStore.TryPutUserConversationAsync)));
    }

    [Fact]
    public async Task Handle_RetriesTransientStoreFailures_ThenProjects()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        var failures = 2;
        store.BeforeCall = operation =>
        {
            if (operation == nameof(InMemoryChatStore.TryPutUserConversationAsync) && failures-- > 0)
            {
                throw new StoreUnavailableException("throttled", TimeSpan.FromMilliseconds(10));
            }
        };
        var clock = new FakeTimeProvider();
        var feed = Feed(store, clock);

        var handling = feed.HandleAsync([Raw(Conversation(lastSequence: 1, bobRead: 0))], CancellationToken.None);
        while (!handling.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        Assert.Equal(2, (await handling).Count);
        Assert.True(store.Calls[nameof(InMemoryChatStore.TryPutUserConversationAsync)] > 2);
        Assert.Single(await store.GetUnreadConversationsAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task Handle_GivesUp_AfterBoundedRetries()
    {
        var store = new InMemoryChatStore { ProjectOnWrite = false };
        store.BeforeCall = operation =>
        {
            if (operation == nameof(InMemoryChatStore.TryPutUserConversationAsync))
            {
                throw new StoreUnavailableException("down", null);
            }
        };
        var clock = new FakeTimeProvider();
        var feed = Feed(store, clock);

        var handling = feed.HandleAsync([Raw(Conversation(lastSequence: 1, bobRead: 0))], CancellationToken.None);
        while (!handling.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => handling);
        var attempts = ConversationChangeFeed.RetryDelays.Count + 1;
        Assert.InRange(store.Calls[nameof(InMemoryChatStore.TryPutUserConversationAsync)], attempts, 2 * attempts);
    }

    private static ConversationChangeFeed Feed(InMemoryChatStore store, TimeProvider? clock = null) =>
        new(new ConversationListProjector(store), clock ?? TimeProvider.System, NullLogger<ConversationChangeFeed>.Instance);

    private static JsonElement Raw(Conversation conversation) =>
        JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(conversation), CosmosJson.Options);

    private static Conversation Conversation(long lastSequence, long bobRead) => new()
    {
        Id = "g_1",
        Kind = ConversationKind.Group,
        Title = "Team",
        CreatedBy = "alice",
        CreatedAt = T0,
        Participants = [new Participant("alice", "Alice", T0, lastSequence), new Participant("bob", null, T0, bobRead)],
        LastSequence = lastSequence,
        LastMessage = new MessagePreview("m_x", lastSequence, "alice", MessageType.Text, "hi", T0, false),
        LastActivityAt = T0.AddMinutes(lastSequence),
    };
}
