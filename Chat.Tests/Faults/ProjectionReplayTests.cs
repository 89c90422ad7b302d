using System.Text.Json;
using Chat.Shared.Application;
using Chat.Shared.Domain;
using Chat.Shared.Storage.Cosmos;
using Chat.Tests.Doubles;
using Microsoft.Extensions.Logging.Abstractions;
using static Chat.Tests.Doubles.ChatHarness;

namespace Chat.Tests.Faults;

/// <summary>
/// The change-feed trigger fails after writing part of its work and the lease hands the same changes over again
/// (from the last checkpoint, in order), or hands one document twice. The per-user lists end exactly as after one
/// clean pass, and as the services' own synchronous projection says they should.
/// </summary>
public class ProjectionReplayTests
{
    private const int BatchSize = 6;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ChangeFeed_GivesTheSameListsAsOneCleanPass_WhenBatchesAreRedeliveredFromAnOlderCheckpoint()
    {
        var h = new ChatHarness();
        var changes = await ChangesOfARealConversationHistoryAsync(h);
        var batches = changes.Chunk(BatchSize).ToList();
        var clean = new InMemoryChatStore { ProjectOnWrite = false };
        var replayed = new InMemoryChatStore { ProjectOnWrite = false };
        var cleanFeed = new ConversationChangeFeed(new ConversationListProjector(clean), TimeProvider.System, NullLogger<ConversationChangeFeed>.Instance);
        var replayFeed = new ConversationChangeFeed(new ConversationListProjector(replayed), TimeProvider.System, NullLogger<ConversationChangeFeed>.Instance);

        foreach (var batch in batches)
        {
            await cleanFeed.HandleAsync(batch, None);
        }

        var replayedEvents = new List<string>();
        for (var k = 0; k < batches.Count; k++)
        {
            var first = await replayFeed.HandleAsync(batches[k], None);
            if (k % 3 == 2)
            {
                // The host died before checkpointing batches k-1 and k: the lease delivers both again, in order,
                // the second one with a duplicated document.
                var older = await replayFeed.HandleAsync(batches[k - 1], None);
                var again = await replayFeed.HandleAsync([.. batches[k], batches[k][^1]], None);
                replayedEvents.Add(older.Count == 0 && again.Count == 0 ? "quiet" : Describe(older) + " / " + Describe(again));
            }
        }

        Assert.True(batches.Count >= 6, "The history spans several batches.");
        Assert.Equal(WithoutETags(clean.Snapshot()), WithoutETags(replayed.Snapshot()));
        // A redelivered change changes nothing, so it announces nothing again (and never rolls a list back).
        Assert.All(replayedEvents, e => Assert.Equal("quiet", e));
        foreach (var user in new[] { Alice, Bob, Carol })
        {
            Assert.Equal(await ListAsync(h.Store, user), await ListAsync(replayed, user));
        }
    }

    private static string WithoutETags(string snapshot) =>
        System.Text.RegularExpressions.Regex.Replace(snapshot, "\"ETag\":\"[^\"]*\"", "\"ETag\":null");

    /// <summary>
    /// Sends and receipts through the services in three conversations; after each write, the changed conversation
    /// document (as the change feed carries it) and, for sends, a message document the trigger must ignore.
    /// </summary>
    private static async Task<List<JsonElement>> ChangesOfARealConversationHistoryAsync(ChatHarness h)
    {
        var changes = new List<JsonElement>();
        var direct = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Alice, Bob, Carol);
        var other = await h.DirectAsync(Bob, Carol);
        var steps = new (ChatUser User, string Conversation, bool Send)[]
        {
            (Alice, direct, true), (Bob, group, true), (Carol, group, true), (Alice, direct, true), (Bob, direct, false),
            (Carol, other, true), (Alice, group, false), (Bob, other, true), (Carol, group, true), (Bob, group, false),
            (Alice, direct, true), (Carol, other, false), (Bob, direct, true), (Alice, group, true), (Carol, group, false),
            (Bob, other, true), (Alice, direct, false), (Carol, group, true), (Bob, group, true), (Alice, group, false),
        };
        foreach (var (user, conversation, send) in steps)
        {
            if (send)
            {
                var message = await h.SendTextAsync(user, conversation, $"{user.Id} in {conversation}");
                changes.Add(JsonSerializer.SerializeToElement(new { id = message.Id, conversationId = conversation, type = "message", sequence = message.Sequence }));
            }
            else
            {
                await h.Receipts.MarkReadAsync(user, conversation, new Chat.Shared.Contracts.MarkPositionRequest(), None);
            }

            var changed = await h.Store.GetConversationAsync(conversation, None);
            changes.Add(JsonSerializer.SerializeToElement(CosmosDocuments.ToDocument(changed!), CosmosJson.Options));
        }

        return changes;
    }

    private static async Task<string> ListAsync(InMemoryChatStore store, ChatUser user) =>
        JsonSerializer.Serialize((await store.GetUserConversationsAsync(user.Id, null, 100, None)).Select(e => e with { ETag = null, Version = 0 }));

    private static string Describe(IReadOnlyList<Chat.Shared.Realtime.RealtimeEvent> events) =>
        string.Join("|", events.Select(e => $"{e.Target}:{e.UserId}:{e.PayloadJson()}"));
}
