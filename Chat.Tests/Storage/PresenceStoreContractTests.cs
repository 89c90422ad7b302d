using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.Shared.Storage.Cosmos;
using Chat.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.Storage;

/// <summary>
/// The <see cref="IPresenceStore"/> contract the presence service relies on: a state is written only if it is still
/// the one read, ReadMany leaves out users without a state, and the sweep's query finds exactly the due states. Runs
/// against the double and, with CHAT_TEST_COSMOS_CONNECTION, Cosmos DB.
/// </summary>
public abstract class PresenceStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private IPresenceStore? _store;

    protected IPresenceStore Presence => _store ??= CreateStore();

    protected abstract IPresenceStore CreateStore();

    [ContractFact]
    public async Task Presence_Get_ReturnsNull_ForAUserNeverSeen() =>
        Assert.Null(await Presence.GetAsync(User("nobody"), None));

    [ContractFact]
    public async Task Presence_TryPut_CreatesOnce_AndGetReturnsTheStateWithAnETag()
    {
        var state = Online(User("bob"), T0);

        var created = await Presence.TryPutAsync(state, None);
        var again = await Presence.TryPutAsync(state with { Version = 9 }, None);
        var stored = await Presence.GetAsync(state.UserId, None);

        Assert.True(created);
        Assert.False(again);
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(Describe(state), Describe(stored with { ETag = null }));
    }

    [ContractFact]
    public async Task Presence_TryPut_ReplacesOnlyUnderTheCurrentETag()
    {
        var state = Online(User("bob"), T0);
        await Presence.TryPutAsync(state, None);
        var read = (await Presence.GetAsync(state.UserId, None))!;

        var replaced = await Presence.TryPutAsync(read with { Version = 2, Online = false, LastSeenAt = T0.AddMinutes(1) }, None);
        var stale = await Presence.TryPutAsync(read with { Version = 3 }, None);
        var stored = (await Presence.GetAsync(state.UserId, None))!;

        Assert.True(replaced);
        Assert.False(stale);
        Assert.Equal((2L, false, (DateTimeOffset?)T0.AddMinutes(1)), (stored.Version, stored.Online, stored.LastSeenAt));
        Assert.NotEqual(read.ETag, stored.ETag);
    }

    [ContractFact]
    public async Task Presence_GetMany_ReturnsTheStatesThatExist_ByUser_AndNothingForAnEmptyList()
    {
        var (bob, carol) = (User("bob"), User("carol"));
        await Presence.TryPutAsync(Online(bob, T0), None);
        await Presence.TryPutAsync(Online(carol, T0) with { Online = false, LastSeenAt = T0 }, None);

        var found = await Presence.GetManyAsync([bob, carol, User("nobody"), bob], None);
        var none = await Presence.GetManyAsync([], None);

        Assert.Equal([bob, carol], found.Keys.Order(StringComparer.Ordinal));
        Assert.True(found[bob].Online);
        Assert.False(found[carol].Online);
        Assert.False(string.IsNullOrEmpty(found[bob].ETag));
        Assert.Empty(none);
    }

    [ContractFact]
    public async Task Presence_GetDue_ReturnsStatesDueByNow_EarliestFirst_UpToTheLimit()
    {
        // Far in the future, so states other tests of the same store left behind are not due.
        var now = T0.AddYears(50);
        var (early, late, notYet, never) = (User("early"), User("late"), User("notyet"), User("never"));
        await Presence.TryPutAsync(Online(late, T0) with { DueAt = now.AddSeconds(-1) }, None);
        await Presence.TryPutAsync(Online(early, T0) with { DueAt = now.AddMinutes(-5) }, None);
        await Presence.TryPutAsync(Online(notYet, T0) with { DueAt = now.AddMilliseconds(1) }, None);
        await Presence.TryPutAsync(Online(never, T0) with { Online = false, Connections = [], DueAt = null }, None);

        var due = (await Presence.GetDueAsync(now, 100, None)).Where(p => p.UserId.EndsWith(_run, StringComparison.Ordinal)).ToList();
        var first = await Presence.GetDueAsync(now, 1, None);

        Assert.Equal([early, late], due.Select(p => p.UserId));
        Assert.Equal(now.AddMinutes(-5), due[0].DueAt);
        Assert.True(Assert.Single(first).DueAt <= now.AddMinutes(-5));
    }

    [ContractFact]
    public async Task Presence_DueAt_IsKeptToTheMillisecond_RoundedUp_SoTheSweepNeverFindsAStateEarly()
    {
        var bob = User("bob");
        var due = T0.AddYears(60).AddTicks(1);
        await Presence.TryPutAsync(Online(bob, T0) with { DueAt = due }, None);

        var stored = (await Presence.GetAsync(bob, None))!;
        var beforeIt = await Presence.GetDueAsync(due.AddTicks(-1), 100, None);

        Assert.Equal(due.AddTicks(TimeSpan.TicksPerMillisecond - 1), stored.DueAt);
        Assert.DoesNotContain(beforeIt, p => p.UserId == bob);
    }

    [ContractFact]
    public async Task Presence_Erase_Delete_RemovesTheState_OnceOnly()
    {
        var state = Online(User("erased"), T0);
        await Presence.TryPutAsync(state, None);

        var deleted = await Presence.DeleteAsync(state.UserId, None);
        var again = await Presence.DeleteAsync(state.UserId, None);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await Presence.GetAsync(state.UserId, None));
    }

    private string User(string name) => $"{name}-{_run}";

    private static UserPresence Online(string userId, DateTimeOffset at) => new()
    {
        UserId = userId,
        Online = true,
        Version = 1,
        Connections = [new PresenceConnection("c1-" + userId, at, at)],
        Closed = [new ClosedConnection("c0-" + userId, at.AddSeconds(-5))],
        DueAt = at.AddMinutes(10),
    };

    private static string Describe(UserPresence presence) => System.Text.Json.JsonSerializer.Serialize(presence);
}

/// <summary>The presence-store contract against the in-memory double (always runs).</summary>
public sealed class InMemoryPresenceStoreContractTests : PresenceStoreContractTests
{
    protected override IPresenceStore CreateStore() => new InMemoryPresenceStore();
}

/// <summary>The presence-store contract against Cosmos DB; skipped, with the reason, unless CHAT_TEST_COSMOS_CONNECTION is set.</summary>
[RequiresEnvironment(CosmosFactAttribute.Variable, CosmosFactAttribute.Reason)]
public sealed class CosmosPresenceStoreContractTests(CosmosStoreFixture fixture) : PresenceStoreContractTests, IClassFixture<CosmosStoreFixture>
{
    protected override IPresenceStore CreateStore() =>
        new CosmosPresenceStore(fixture.Containers ?? throw new InvalidOperationException("Cosmos DB is not configured."), NullLogger<CosmosPresenceStore>.Instance);
}
