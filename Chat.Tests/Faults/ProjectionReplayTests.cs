using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Faults;

/// <summary>
/// The change-feed trigger fails after writing part of its work and the lease hands the same changes over again
/// (from an older checkpoint, in order, with a duplicated document), while a second instance that took the lease over
/// works on the same changes. The per-user lists still end exactly as the projection of the final state, and changes
/// delivered again after that write nothing and announce nothing.
/// </summary>
public class ProjectionReplayTests
{
    private const int BatchSize = 3;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ChangeFeed_ConvergesToTheProjectionOfTheFinalState_WhenBatchesAreRedeliveredDuplicatedAndRaced()
    {
        var h = new ChatHarness();
        var second = new ConversationListProjector(h.Store, h.Clock);
        var delivered = new List<ProjectionChange>();
        var batches = 0;

        var (steps, conversations) = await HistoryAsync(h);
        foreach (var step in steps)
        {
            await step();
            var changes = h.Store.DrainFeed();
            foreach (var batch in changes.Chunk(BatchSize))
            {
                batches++;
                delivered.AddRange(batch);
                await h.Projector.ApplyAsync(batch, None);
                if (batches % 3 == 0)
                {
                    // The host died before checkpointing: the lease delivers the last batches again (one document
                    // twice), and another instance that took the lease over runs them at the same time.
                    var replay = delivered.TakeLast(BatchSize * 2).Append(delivered[^1]).ToList();
                    await Task.WhenAll(Task.Run(() => h.Projector.ApplyAsync(replay, None)), Task.Run(() => second.ApplyAsync(replay, None)));
                }
            }
        }

        Assert.True(batches >= 6, "The history spans several batches.");
        await AssertListsAreTheProjectionOfTheStateAsync(h, conversations);
        var before = h.Store.Metrics.Take();
        var again = await second.ApplyAsync(delivered, None);
        Assert.Empty(again);
        Assert.Equal(0, (h.Store.Metrics.Take() - before).ProjectionWrites);
    }

    private static async Task AssertListsAreTheProjectionOfTheStateAsync(ChatHarness h, IReadOnlyList<string> conversations)
    {
        foreach (var conversationId in conversations)
        {
            var state = (await h.Store.GetStateAsync(conversationId, None))!;
            foreach (var member in state.Members)
            {
                var expected = UserConversation.Project(state.Conversation, member, h.Clock.GetUtcNow());
                var stored = h.Store.ListEntry(member.UserId, conversationId)!;
                Assert.Equal(expected with { SyncAt = stored.SyncAt }, stored, new EntryComparer());
            }
        }
    }

    /// <summary>A real sequence of sends, receipts, edits and deletes across two conversations, one step at a time.</summary>
    private static async Task<(List<Func<Task>> Steps, IReadOnlyList<string> Conversations)> HistoryAsync(ChatHarness h)
    {
        var direct = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"]), None)).Value.Id;
        var group = (await h.Conversations.CreateAsync(Carol, new CreateConversationRequest(["alice", "bob"], "Team"), None)).Value.Id;
        string? lastInGroup = null;
        var steps = new List<Func<Task>>();
        for (var i = 0; i < 4; i++)
        {
            var n = i;
            steps.Add(async () => await h.Messages.SendAsync(Alice, direct, new SendMessageRequest(Content: $"direct {n}"), None));
            steps.Add(async () => lastInGroup = (await h.Messages.SendAsync(Carol, group, new SendMessageRequest(Content: $"group {n}"), None)).Value.Id);
            steps.Add(async () => await h.Receipts.MarkReadAsync(Bob, direct, new MarkPositionRequest(), None));
            steps.Add(async () => await h.Receipts.MarkDeliveredAsync(Alice, group, new MarkPositionRequest(lastInGroup), None));
            steps.Add(async () => await h.Messages.EditAsync(Carol, group, lastInGroup, new EditMessageRequest($"group {n} (edited)"), None));
            steps.Add(async () => await h.Receipts.MarkReadAsync(Alice, group, new MarkPositionRequest(), None));
        }

        steps.Add(async () => await h.Messages.DeleteAsync(Carol, group, lastInGroup, None));
        steps.Add(async () => await h.Messages.SendAsync(Bob, group, new SendMessageRequest(Content: "last word"), None));
        return (steps, [direct, group]);
    }

    private sealed class EntryComparer : IEqualityComparer<UserConversation>
    {
        public bool Equals(UserConversation? x, UserConversation? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(UserConversation obj) => 0;
    }
}
