using Chat.Shared.Domain;

namespace Chat.Tests.Storage;

/// <summary>The typing-store half of the contract: ETag-guarded claims and completes, due states without live claims.</summary>
public abstract partial class ChatStoreContractTests
{
    [ContractFact]
    public async Task GetDueAsync_ExcludesLiveClaimsAndLiveStates_WhenSweeping()
    {
        var now = Now();
        var (due, live, claimed, lapsed) = (Typing1(now.AddSeconds(-1)), Typing1(now.AddSeconds(30)), Typing1(now.AddSeconds(-2)), Typing1(now.AddSeconds(-3)));
        foreach (var state in new[] { due, live, claimed, lapsed })
        {
            await Typing.SetAsync(state, None);
        }

        var before = await DueAsync(now, due, live, claimed, lapsed);
        Assert.NotNull(await Typing.TryClaimAsync(Find(before, claimed), now.AddSeconds(30), None));
        Assert.NotNull(await Typing.TryClaimAsync(Find(before, lapsed), now.AddMilliseconds(-1), None));

        var after = await DueAsync(now, due, live, claimed, lapsed);

        Assert.Equal(Keys(due, claimed, lapsed), Keys(before));
        Assert.Equal(Keys(due, lapsed), Keys(after));
        Assert.Equal(now.AddMilliseconds(-1), Find(after, lapsed).ClaimedUntil);
    }

    [ContractFact]
    public async Task TryClaimAsync_ReturnsNull_WhenStateWasRefreshedSinceRead()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var read = Find(await DueAsync(now, state), state);
        await Typing.SetAsync(state, None);

        var claimed = await Typing.TryClaimAsync(read, now.AddSeconds(30), None);

        Assert.Null(claimed);
        Assert.Null(Find(await DueAsync(now, state), state).ClaimedUntil);
    }

    [ContractFact]
    public async Task TryCompleteAsync_ReturnsFalseAndKeepsState_WhenRefreshedAfterClaim()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var claimed = await Typing.TryClaimAsync(Find(await DueAsync(now, state), state), now.AddSeconds(30), None);
        Assert.NotNull(claimed);
        Assert.Empty(await DueAsync(now, state));
        await Typing.SetAsync(state, None);

        var completed = await Typing.TryCompleteAsync(claimed, None);

        Assert.False(completed);
        Assert.Single(await DueAsync(now, state));
    }

    [ContractFact]
    public async Task TryCompleteAsync_RemovesState_WhenUnchangedSinceClaim()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);
        var claimed = await Typing.TryClaimAsync(Find(await DueAsync(now, state), state), now.AddSeconds(30), None);

        var completed = await Typing.TryCompleteAsync(claimed!, None);

        Assert.True(completed);
        Assert.False(await Typing.RemoveAsync(state.ConversationId, state.UserId, None));
        Assert.False(await Typing.TryCompleteAsync(claimed!, None));
    }

    [ContractFact]
    public async Task RemoveAsync_ReturnsTrueOnce_WhenStateExists()
    {
        var now = Now();
        var state = Typing1(now.AddSeconds(-1));
        await Typing.SetAsync(state, None);

        var first = await Typing.RemoveAsync(state.ConversationId, state.UserId, None);
        var second = await Typing.RemoveAsync(state.ConversationId, state.UserId, None);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await DueAsync(now, state));
    }

    /// <summary>Now, to the millisecond (typing times are stored in epoch milliseconds; TTLs count from the real clock).</summary>
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private TypingState Typing1(DateTimeOffset expiresAt) => new(Id("typing"), User("typist"), expiresAt);

    /// <summary>The due states among <paramref name="mine"/> (the typing container is shared by every test).</summary>
    private async Task<IReadOnlyList<TypingState>> DueAsync(DateTimeOffset now, params TypingState[] mine)
    {
        var due = await Typing.GetDueAsync(now, 1000, None);
        return due.Where(d => mine.Any(m => m.ConversationId == d.ConversationId && m.UserId == d.UserId)).ToList();
    }

    private static TypingState Find(IReadOnlyList<TypingState> states, TypingState state) =>
        Assert.Single(states, s => s.ConversationId == state.ConversationId && s.UserId == state.UserId);

    private static string Keys(params IReadOnlyList<TypingState> states) =>
        string.Join(",", states.Select(s => s.ConversationId).Order(StringComparer.Ordinal));
}
