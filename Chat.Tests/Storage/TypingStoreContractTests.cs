using Chat.Shared.Domain;
using Chat.Shared.Storage;
using Chat.TestSupport;

namespace Chat.Tests.Storage;

/// <summary>
/// The part of the <see cref="ITypingStore"/> contract typing coalescing relies on: read one state, and write it only
/// if it is still the one read. Runs against the double and, with CHAT_TEST_COSMOS_CONNECTION, Cosmos DB.
/// </summary>
public abstract class TypingStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private ITypingStore? _store;

    protected ITypingStore Typing => _store ??= CreateStore();

    protected abstract ITypingStore CreateStore();

    [ContractFact]
    public async Task GetAsync_ReturnsNull_WhenNobodyIsTyping() =>
        Assert.Null(await Typing.GetAsync("c_" + _run, "nobody", None));

    [ContractFact]
    public async Task TrySetAsync_CreatesOnce_WithoutAnETag_AndGetReturnsItWithItsAnnouncementTime()
    {
        var state = State(T0.AddSeconds(10), announcedAt: T0);

        var created = await Typing.TrySetAsync(state, None);
        var again = await Typing.TrySetAsync(state with { ExpiresAt = T0.AddSeconds(20) }, None);
        var stored = await Typing.GetAsync(state.ConversationId, state.UserId, None);

        Assert.True(created);
        Assert.False(again);
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(state, stored with { ETag = null });
    }

    [ContractFact]
    public async Task TrySetAsync_ReplacesOnlyUnderTheCurrentETag()
    {
        var state = State(T0.AddSeconds(10), announcedAt: T0);
        await Typing.TrySetAsync(state, None);
        var read = (await Typing.GetAsync(state.ConversationId, state.UserId, None))!;

        var replaced = await Typing.TrySetAsync(read with { ExpiresAt = T0.AddSeconds(12) }, None);
        var stale = await Typing.TrySetAsync(read with { ExpiresAt = T0.AddSeconds(30), AnnouncedAt = T0.AddSeconds(5) }, None);
        var stored = (await Typing.GetAsync(state.ConversationId, state.UserId, None))!;

        Assert.True(replaced);
        Assert.False(stale);
        Assert.Equal(T0.AddSeconds(12), stored.ExpiresAt);
        Assert.Equal(T0, stored.AnnouncedAt);
        Assert.NotEqual(read.ETag, stored.ETag);
    }

    [ContractFact]
    public async Task TrySetAsync_IsRefused_WhenTheStateWasRemovedMeanwhile()
    {
        var state = State(T0.AddSeconds(10), announcedAt: T0);
        await Typing.TrySetAsync(state, None);
        var read = (await Typing.GetAsync(state.ConversationId, state.UserId, None))!;
        await Typing.RemoveAsync(state.ConversationId, state.UserId, None);

        Assert.False(await Typing.TrySetAsync(read with { ExpiresAt = T0.AddSeconds(12) }, None));
        Assert.Null(await Typing.GetAsync(state.ConversationId, state.UserId, None));
    }

    [ContractFact]
    public async Task TrySetAsync_ClearsASweepClaim_SoTheClaimCannotComplete()
    {
        var state = State(T0.AddSeconds(-1), announcedAt: T0.AddSeconds(-11));
        await Typing.TrySetAsync(state, None);
        var read = (await Typing.GetAsync(state.ConversationId, state.UserId, None))!;
        var claimed = await Typing.TryClaimAsync(read, T0.AddSeconds(30), None);

        var refreshed = await Typing.TrySetAsync(claimed! with { ExpiresAt = T0.AddSeconds(10) }, None);

        Assert.True(refreshed);
        Assert.Null((await Typing.GetAsync(state.ConversationId, state.UserId, None))!.ClaimedUntil);
        Assert.False(await Typing.TryCompleteAsync(claimed!, None));
    }

    [ContractFact]
    public async Task TrySetAsync_KeepsAHiddenState_AndGetDueReturnsItWhenItsPauseIsOver()
    {
        var hidden = State(T0.AddSeconds(2), announcedAt: T0) with { Hidden = true };

        Assert.True(await Typing.TrySetAsync(hidden, None));
        var stored = await Typing.GetAsync(hidden.ConversationId, hidden.UserId, None);
        var due = await Typing.GetDueAsync(T0.AddSeconds(3), 1000, None);

        Assert.Equal(hidden, stored! with { ETag = null });
        Assert.Contains(due, s => s.ConversationId == hidden.ConversationId && s.UserId == hidden.UserId && s.Hidden);
        Assert.True(await Typing.TryCompleteAsync(stored, None));
        Assert.Null(await Typing.GetAsync(hidden.ConversationId, hidden.UserId, None));
    }

    private TypingState State(DateTimeOffset expiresAt, DateTimeOffset? announcedAt) =>
        new("c_" + _run, "u_" + Guid.NewGuid().ToString("N")[..8], expiresAt, AnnouncedAt: announcedAt);
}

/// <summary>The typing-store contract against the in-memory double (always runs).</summary>
public sealed class InMemoryTypingStoreContractTests : TypingStoreContractTests
{
    protected override ITypingStore CreateStore() => new InMemoryTypingStore();
}

/// <summary>The typing-store contract against Cosmos DB; skipped, with the reason, unless CHAT_TEST_COSMOS_CONNECTION is set.</summary>
[RequiresEnvironment(CosmosFactAttribute.Variable, CosmosFactAttribute.Reason)]
public sealed class CosmosTypingStoreContractTests(CosmosStoreFixture fixture) : TypingStoreContractTests, IClassFixture<CosmosStoreFixture>
{
    protected override ITypingStore CreateStore() => fixture.CreateTypingStore();
}
