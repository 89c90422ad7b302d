using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.TestSupport;

namespace Chat.Tests.Storage;

/// <summary>
/// The <see cref="IEventStateStore"/> contract the event publisher and the notification sweep rely on: conditional
/// writes (create only when absent, replace only under the ETag read), reads of several states in one call, and a due
/// query that returns only due, unclaimed states. Runs against the double and, with CHAT_TEST_COSMOS_CONNECTION,
/// Cosmos DB.
/// </summary>
public abstract class EventStateStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private IEventStateStore? _store;

    protected IEventStateStore States => _store ??= CreateStore();

    protected abstract IEventStateStore CreateStore();

    [ContractFact]
    public async Task NotificationState_TrySave_CreatesOnlyWhenAbsent_AndReplacesOnlyUnderTheCurrentETag()
    {
        var state = ConversationEventState.New(Id("a")) with { Announced = true, PublishedChange = 3, PublishedSequence = 1 };

        var created = await States.TrySaveAsync(state, None);
        var createdAgain = await States.TrySaveAsync(state with { PublishedChange = 9 }, None);
        var replaced = await States.TrySaveAsync(created! with { PublishedChange = 5 }, None);
        var stale = await States.TrySaveAsync(created! with { PublishedChange = 7 }, None);
        var stored = (await States.ReadAsync([state.ConversationId], None))[state.ConversationId];

        Assert.NotNull(created);
        Assert.False(string.IsNullOrEmpty(created.ETag));
        Assert.Null(createdAgain);
        Assert.NotNull(replaced);
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Null(stale);
        Assert.Equal((5L, replaced.ETag), (stored.PublishedChange, stored.ETag));
    }

    [ContractFact]
    public async Task NotificationState_Read_ReturnsSeveralStatesInOneCall_LeavingOutMissingOnes()
    {
        var window = NotificationWindow.Empty.With([new PendingMessage(4, T0)], TimeSpan.FromSeconds(30), 100)
            .Settle(new Dictionary<string, long> { ["bob"] = 4 }, [], TimeSpan.FromSeconds(30));
        var withWindow = ConversationEventState.New(Id("b")) with
        {
            Notifications = NotificationWindow.Empty.With([new PendingMessage(4, T0), new PendingMessage(5, T0.AddSeconds(2))], TimeSpan.FromSeconds(30), 100),
            ClaimedUntil = T0.AddMinutes(1),
        };
        await States.TrySaveAsync(withWindow, None);
        await States.TrySaveAsync(ConversationEventState.New(Id("c")) with { Notifications = window }, None);

        var read = await States.ReadAsync([Id("b"), Id("c"), Id("missing")], None);

        Assert.Equal([Id("b"), Id("c")], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(withWindow.Notifications.Messages, read[Id("b")].Notifications.Messages);
        Assert.Equal((withWindow.Notifications.DueAt, withWindow.ClaimedUntil), (read[Id("b")].Notifications.DueAt, read[Id("b")].ClaimedUntil));
        Assert.Equal((4L, (DateTimeOffset?)null), (read[Id("c")].Notifications.Floor, read[Id("c")].Notifications.DueAt));
    }

    [ContractFact]
    public async Task NotificationState_GetDue_ReturnsOnlyDueUnclaimedStates_EarliestFirst()
    {
        var delay = TimeSpan.FromSeconds(30);
        ConversationEventState Pending(string name, int second) =>
            ConversationEventState.New(Id(name)) with { Notifications = NotificationWindow.Empty.With([new PendingMessage(1, T0.AddSeconds(second))], delay, 100) };
        await States.TrySaveAsync(Pending("later", 10), None);
        await States.TrySaveAsync(Pending("earlier", 0), None);
        await States.TrySaveAsync(Pending("notyet", 60), None);
        await States.TrySaveAsync(Pending("claimed", 0) with { ClaimedUntil = T0.AddMinutes(5) }, None);
        await States.TrySaveAsync(Pending("lapsed", 5) with { ClaimedUntil = T0.AddSeconds(1) }, None);
        await States.TrySaveAsync(ConversationEventState.New(Id("nothing")), None);

        var due = await States.GetDueAsync(T0.AddSeconds(40), 100, None);

        Assert.Equal([Id("earlier"), Id("lapsed"), Id("later")], due.Select(s => s.ConversationId).Where(id => id.EndsWith(_run, StringComparison.Ordinal)));
        Assert.All(due, s => Assert.False(string.IsNullOrEmpty(s.ETag)));
    }

    private string Id(string name) => $"g_{name}_{_run}";
}

/// <summary>The event-state contract against the in-memory double (always runs).</summary>
public sealed class InMemoryEventStateStoreContractTests : EventStateStoreContractTests
{
    protected override IEventStateStore CreateStore() => new InMemoryEventStateStore();
}

/// <summary>The event-state contract against Cosmos DB; skipped, with the reason, unless CHAT_TEST_COSMOS_CONNECTION is set.</summary>
[RequiresEnvironment(CosmosFactAttribute.Variable, CosmosFactAttribute.Reason)]
public sealed class CosmosEventStateStoreContractTests(CosmosStoreFixture fixture) : EventStateStoreContractTests, IClassFixture<CosmosStoreFixture>
{
    protected override IEventStateStore CreateStore() => fixture.CreateEventStateStore();
}
