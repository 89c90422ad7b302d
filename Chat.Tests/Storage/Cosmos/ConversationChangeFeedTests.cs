using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Storage.Cosmos;

/// <summary>The Cosmos DB trigger's raw documents, as the change feed hands them over, into projection changes.</summary>
public class ConversationChangeFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ChangesOf_KeepsConversationAndMemberDocuments_AndIgnoresEveryOtherKind()
    {
        var documents = new[]
        {
            Raw(CosmosDocuments.ToDocument(Conversation("g_1"))),
            Raw(CosmosDocuments.ToDocument(Member("g_1", "bob"), TimeSpan.FromDays(30))),
            Raw(CosmosDocuments.ToDocument(new Delivery("g_1", "carol", 2, T0))),
            Raw(new { id = "m_1", conversationId = "g_1", type = "message", sequence = 2 }),
            Raw(new { id = "a_1", conversationId = "g_1", type = "attachment" }),
            Raw(CosmosDocuments.ToDocument(Member("g_2", "dave"), TimeSpan.FromDays(30))),
            JsonDocument.Parse("""{"type":3}""").RootElement,
        };

        var changes = ConversationChangeFeed.ChangesOf(documents);

        Assert.Equal(
            ["g_1:conversation:", "g_1:member:bob", "g_2:member:dave"],
            changes.Select(c => $"{c.ConversationId}:{(c.ConversationChanged ? "conversation" : "member")}:{string.Join(',', c.MemberIds)}"));
    }

    [Fact]
    public async Task Handle_ProjectsTheCurrentState_WhatEverVersionTheBatchCarries()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var stale = Raw(CosmosDocuments.ToDocument((await h.Store.GetStateAsync(id, CancellationToken.None))!.Conversation));
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "hi"), CancellationToken.None);
        h.Store.DrainFeed();
        var feed = new ConversationChangeFeed(h.Projector);

        await feed.HandleAsync([stale], CancellationToken.None);

        Assert.Equal(1, h.Store.ListEntry("bob", id)!.UnreadCount);
    }

    [Fact]
    public async Task Handle_BatchWithoutListDocuments_ReadsWritesAndSendsNothing()
    {
        var h = new ChatHarness();
        var feed = new ConversationChangeFeed(h.Projector);

        var events = await feed.HandleAsync([Raw(new { id = "a_1", conversationId = "g_1", type = "attachment" })], CancellationToken.None);

        Assert.Empty(events);
        Assert.Empty(h.Store.Calls);
    }

    [Fact]
    public async Task Handle_LetsAStoreFailurePropagate_SoTheTriggerRetriesTheBatch()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var document = Raw(CosmosDocuments.ToDocument((await h.Store.GetStateAsync(id, CancellationToken.None))!.Conversation));
        h.Store.BeforeCall = operation =>
        {
            if (operation == nameof(IChatStore.TryPutListEntryAsync))
            {
                throw new StoreUnavailableException("429", TimeSpan.FromSeconds(1));
            }
        };
        var feed = new ConversationChangeFeed(h.Projector);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => feed.HandleAsync([document], CancellationToken.None));
    }

    private static JsonElement Raw(object document) => JsonSerializer.SerializeToElement(document, document.GetType(), CosmosJson.Options);

    private static Conversation Conversation(string id) => new()
    {
        Id = id,
        Kind = ConversationKind.Group,
        CreatedBy = "alice",
        CreatedAt = T0,
        MemberIds = ["alice", "bob"],
        LastActivityAt = T0,
    };

    private static Member Member(string conversationId, string userId) => new() { ConversationId = conversationId, UserId = userId, JoinedAt = T0 };
}
