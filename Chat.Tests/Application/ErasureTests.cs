using System.Reflection;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Shared.Storage.Cosmos.Documents;
using Chat.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// Erasure of a user's data: every kind of document handled (and a new kind fails the catalogue test), idempotent,
/// resumable after an interruption anywhere, and the other members' conversations left intact.
/// </summary>
public sealed class ErasureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Erase_And_Export_HandleEveryDocumentTypeTheStoreHas()
    {
        var stored = typeof(DocumentTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(stored);
        Assert.Equal(stored, UserDataKinds.Handling.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Erase_LeavesNothingOfTheUser_InAnyKindOfDocument()
    {
        var h = new ChatHarness();
        var seeded = await UserDataScenario.SeedAsync(h);
        foreach (var kind in UserDataKinds.Handling.Keys)
        {
            Assert.True((await UserDataScenario.RemainingAsync(h, "bob", kind)).Count > 0, $"the scenario has no {kind} of bob");
        }

        await EraseCompletelyAsync(h, "bob");

        await UserDataScenario.AssertErasedAsync(h, "bob");
        Assert.Contains(h.Blobs.Deleted, b => b.Contains(seeded.PhotoAttachment, StringComparison.Ordinal));
        Assert.Contains(h.Blobs.Deleted, b => b.Contains(seeded.PendingUpload, StringComparison.Ordinal));
        Assert.Empty(await h.Users.SearchAsync("bob", null, null, None) is var page ? page.Items : []);
    }

    [Fact]
    public async Task Erase_KeepsTheOtherMembersConversations_WithTombstonesInPlace()
    {
        var h = new ChatHarness();
        var seeded = await UserDataScenario.SeedAsync(h);
        var before = await h.Messages.GetHistoryAsync(Alice, seeded.Group, new HistoryRequest(), None);

        await EraseCompletelyAsync(h, "bob");

        var after = await h.Messages.GetHistoryAsync(Alice, seeded.Group, new HistoryRequest(), None);
        var conversation = await h.Conversations.GetAsync(Alice, seeded.Group, None);
        Assert.Equal(before.Items.Select(m => m.Sequence), after.Items.Take(before.Items.Count).Select(m => m.Sequence));
        Assert.All(after.Items.Where(m => m.Sender.Id == "bob"), m => Assert.Equal((null, DeletionActor.Erasure), (m.Content, m.DeletedBy)));
        var alicesTexts = before.Items.Where(m => m.Sender.Id == "alice" && m.Type == MessageType.Text).Select(m => m.Content).ToList();
        Assert.Contains("see you", alicesTexts);
        Assert.Equal(alicesTexts, after.Items.Where(m => m.Sender.Id == "alice" && m.Type == MessageType.Text).Select(m => m.Content));
        Assert.Equal(SystemEvents.MemberRemoved, after.Items[^1].SystemEvent);
        Assert.Equal(["alice", "carol"], conversation.Participants.Select(p => p.UserId));
        Assert.Equal(["alice"], (await h.Conversations.GetAsync(Alice, seeded.Direct, None)).Participants.Select(p => p.UserId));
    }

    [Fact]
    public async Task Erase_Again_ChangesNothing()
    {
        var h = new ChatHarness();
        await UserDataScenario.SeedAsync(h);
        await EraseCompletelyAsync(h, "bob");
        var conversations = h.Store.Snapshot();
        var blobs = h.Blobs.Snapshot();

        var again = await EraseCompletelyAsync(h, "bob");

        Assert.Equal(conversations, h.Store.Snapshot());
        Assert.Equal(blobs, h.Blobs.Snapshot());
        Assert.Equal((3, 0L, 0L), (again.Pass, again.MessagesErased, again.ConversationsLeft));
    }

    [Fact]
    public async Task Erase_RunsInBoundedSteps_AndTheTimerFinishesIt_WithEvents()
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureStepsPerRequest = 2, ErasureStepsPerRun = 3, ErasureBatchSize = 1 } });
        var seeded = await UserDataScenario.SeedAsync(h);
        var publisher = new RecordingPublisher();

        var started = await h.Erasure.EraseAsync("bob", None);
        var runs = 0;
        while ((await h.Erasure.GetAsync("bob", None)).Status == ErasureStatus.Running && runs++ < 100)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            await h.ErasureSweeper.RunAsync(publisher, None);
            await h.ProjectAllAsync();
        }

        Assert.Equal(ErasureStatus.Running, started.Value.Status);
        Assert.True(runs > 3, $"{runs} runs");
        Assert.Equal(ErasureStatus.Completed, (await h.Erasure.GetAsync("bob", None)).Status);
        Assert.Contains(publisher.Published, e => e.Target == EventTargets.MessageDeleted && e.Audience.ConversationId == seeded.Group);
        Assert.Contains(publisher.Published, e => e.Target == EventTargets.ParticipantsChanged && e.Audience.UserId == "bob");
        Assert.Contains(publisher.Groups, g => g.ConversationId == seeded.Group && g.UserId == "bob" && !g.Join);
        await UserDataScenario.AssertErasedAsync(h, "bob");
    }

    /// <summary>
    /// A failure at any step (a store that stops answering, a restarted instance) leaves the erasure where its last
    /// stored position says; resuming it, by the timer or a new request, finishes it with the same result.
    /// </summary>
    [Theory]
    [InlineData("GetMessagesBySenderAsync", 1)]
    [InlineData("TryCommitAsync", 2)]
    [InlineData("DeleteMemberAsync", 1)]
    [InlineData("DeleteMemberAsync", 2)]
    [InlineData("GetAllListEntriesAsync", 1)]
    [InlineData("GetMembershipsAsync", 3)]
    public async Task Erase_SurvivesAnInterruptionHalfway_AndResumesWhereItStopped(string failingCall, int onCall)
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureStepsPerRequest = 0, ErasureBatchSize = 1 } });
        await UserDataScenario.SeedAsync(h);
        await h.Erasure.EraseAsync("bob", None);
        var calls = 0;
        h.Store.BeforeCall = operation =>
        {
            if (operation == failingCall && ++calls == onCall)
            {
                throw new StoreOutage();
            }
        };

        await Assert.ThrowsAsync<StoreOutage>(() => RunUntilDoneAsync(h, h.ErasureSweeper));
        var interrupted = await h.Erasure.GetAsync("bob", None);
        h.Store.BeforeCall = null;

        // A new instance (a restart) resumes from the stored position.
        var restarted = new ErasureService(h.Deps, h.Profiles, h.Store, h.EventStates, h.Membership, NullLogger<ErasureService>.Instance);
        await RunUntilDoneAsync(h, new ErasureSweeper(h.Deps, h.Profiles, restarted, NullLogger<ErasureSweeper>.Instance));

        Assert.Equal(ErasureStatus.Running, interrupted.Status);
        Assert.Equal(ErasureStatus.Completed, (await h.Erasure.GetAsync("bob", None)).Status);
        await UserDataScenario.AssertErasedAsync(h, "bob");
    }

    [Fact]
    public async Task Erase_CatchesWhatTheUserWroteDuringTheFirstRound_InTheSecond()
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureStepsPerRequest = 0 } });
        var seeded = await UserDataScenario.SeedAsync(h);
        await h.Erasure.EraseAsync("bob", None);
        await h.ErasureSweeper.RunAsync(new RecordingPublisher(), None);
        Assert.Equal(ErasurePhase.Settle, (await h.Erasure.GetAsync("bob", None)).Phase);

        // Bob was still signed in: a new conversation and message after round 1.
        var late = await h.DirectAsync(Bob, Carol);
        await h.SendTextAsync(Bob, late, "still here");
        await h.ProjectAllAsync();
        await RunUntilDoneAsync(h, h.ErasureSweeper);

        await UserDataScenario.AssertErasedAsync(h, "bob");
        Assert.NotEqual(seeded.Direct, late);
    }

    [Fact]
    public async Task ProfileUpsert_IsRefused_WhileTheUsersErasureRuns()
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureStepsPerRequest = 0 } });
        await UserDataScenario.SeedAsync(h);
        await h.Erasure.EraseAsync("bob", None);

        var refused = await Assert.ThrowsAsync<ChatException>(() => h.ProfileService.UpsertAsync("bob", new UpsertProfileRequest("Back"), None));

        Assert.Equal(ErrorCodes.ErasureInProgress, refused.Error.Code);
    }

    [Fact]
    public async Task Erase_OfAUserWithNoData_CompletesAtOnce_AndStatusOfANeverErasedUserIs404()
    {
        var h = new ChatHarness(new ChatOptions { Server = { ErasureSettleDelay = TimeSpan.Zero } });

        var result = await h.Erasure.EraseAsync("ghost", None);
        var never = await Assert.ThrowsAsync<ChatException>(() => h.Erasure.GetAsync("nobody", None));

        Assert.Equal((ErasureStatus.Completed, 0L), (result.Value.Status, result.Value.DocumentsDeleted));
        Assert.Equal(ErrorCodes.UserNotFound, never.Error.Code);
    }

    [Fact]
    public async Task Erase_RacingANotificationSweep_LeavesNoPositionOfTheUserInAnyNotificationWindow()
    {
        for (var round = 0; round < 20; round++)
        {
            var h = new ChatHarness();
            var group = await h.GroupAsync(Alice, Bob, Carol);
            var first = await h.SendTextAsync(Alice, group, "first");
            await h.Receipts.MarkReadAsync(Carol, group, new MarkPositionRequest(first.Id), None);
            h.Clock.Advance(h.NotificationOptions.Delay);
            await h.SendTextAsync(Alice, group, "second");
            await h.PublishEventsAsync();
            h.Store.Latency = _ => Task.Delay(Random.Shared.Next(0, 3));
            h.EventStates.Latency = _ => Task.Delay(Random.Shared.Next(0, 3));

            await Task.WhenAll(h.NotificationSweeper.RunAsync(None), h.Erasure.EraseAsync("bob", None));
            (h.Store.Latency, h.EventStates.Latency) = (null, null);
            await RunUntilDoneAsync(h, h.ErasureSweeper);

            Assert.DoesNotContain(h.EventStates.All(), state => state.ProgressOf("bob") is not null);
        }
    }

    private static async Task<ErasureDto> EraseCompletelyAsync(ChatHarness h, string userId)
    {
        var started = await h.Erasure.EraseAsync(userId, None);
        await RunUntilDoneAsync(h, h.ErasureSweeper);
        return await h.Erasure.GetAsync(userId, None) is var done && done.Pass == started.Value.Pass ? done : throw new InvalidOperationException();
    }

    private static async Task RunUntilDoneAsync(ChatHarness h, ErasureSweeper sweeper)
    {
        for (var run = 0; run < 200; run++)
        {
            await h.ProjectAllAsync();
            if (!(await h.Profiles.GetRunningErasuresAsync(10, None)).Any())
            {
                return;
            }

            h.Clock.Advance(TimeSpan.FromMinutes(1));
            await sweeper.RunAsync(new RecordingPublisher(), None);
        }

        throw new InvalidOperationException("The erasure did not complete.");
    }

    private sealed class StoreOutage : Exception;
}
