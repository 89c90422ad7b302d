using System.Text.Json;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// Membership changes racing sends, receipts, settings and each other, with store latency injected so reads and
/// writes interleave. No client retries here: a request that fails for contention fails the test.
/// </summary>
public class MembershipContentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Contention_ARemovalRacingTheRemovedMembersSends_EachSendLandsBeforeTheRemovalOrIsRefused()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        h.Store.Latency = _ => Task.Delay(1);
        var outcomes = new System.Collections.Concurrent.ConcurrentQueue<(long? Sequence, string? Code)>();
        using var firstSent = new SemaphoreSlim(0);

        // Carol sends until she is refused (bounded), so the removal lands while her sends are in flight.
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                try
                {
                    var sent = await h.Messages.SendAsync(Carol, id, new SendMessageRequest($"carol-{i}", $"carol {i}"), None);
                    outcomes.Enqueue((sent.Value.Sequence, null));
                    firstSent.Release();
                }
                catch (ChatException e)
                {
                    outcomes.Enqueue((null, e.Error.Code));
                    return;
                }
            }
        });
        await firstSent.WaitAsync();
        await firstSent.WaitAsync();
        var removal = await h.Membership.RemoveParticipantAsync(Alice, id, "carol", None);
        await sending;

        var removedAt = h.Store.AllMessages(id).Single(m => m.SystemEvent == SystemEvents.MemberRemoved).Sequence;
        Assert.All(outcomes.Where(o => o.Sequence is not null), o => Assert.True(o.Sequence < removedAt));
        Assert.All(outcomes.Where(o => o.Code is not null), o => Assert.Equal(ErrorCodes.ConversationNotFound, o.Code));
        Assert.DoesNotContain(h.Store.AllMessages(id), m => m.SenderId == "carol" && m.Sequence > removedAt);
        Assert.Contains(outcomes, o => o.Code is not null);
        Assert.Contains(outcomes, o => o.Sequence is not null);
        Assert.Equal(["alice", "bob"], removal.Value!.Participants.Select(p => p.UserId));
    }

    [Fact]
    public async Task Contention_ParallelAddsAndRemovalsByTwoAdmins_WhileMembersSendAndRead_AllSucceed_AndMembershipAgrees()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest("admin"), None);
        h.Store.Latency = _ => Task.Delay(1);
        var aliceGuests = Enumerable.Range(0, 6).Select(i => $"a-guest{i}").ToList();
        var bobGuests = Enumerable.Range(0, 6).Select(i => $"b-guest{i}").ToList();

        async Task Churn(ChatUser admin, List<string> guests)
        {
            foreach (var guest in guests)
            {
                await h.Membership.AddParticipantsAsync(admin, id, new AddParticipantsRequest([guest]), None);
            }

            foreach (var guest in guests.Where((_, i) => i % 2 == 0))
            {
                await h.Membership.RemoveParticipantAsync(admin, id, guest, None);
            }
        }

        async Task Talk(ChatUser user)
        {
            for (var i = 0; i < 15; i++)
            {
                await h.Messages.SendAsync(user, id, new SendMessageRequest($"{user.Id}-{i}", $"{user.Id} {i}"), None);
                await h.Receipts.MarkReadAsync(user, id, new MarkPositionRequest(), None);
            }
        }

        await Task.WhenAll(Task.Run(() => Churn(Alice, aliceGuests)), Task.Run(() => Churn(Bob, bobGuests)), Task.Run(() => Talk(Carol)), Task.Run(() => Talk(Alice)));

        var expected = new[] { "alice", "bob", "carol" }.Concat(aliceGuests.Concat(bobGuests).Where((_, i) => i % 2 == 1)).Order().ToList();
        var state = (await h.Store.GetStateAsync(id, None))!;
        Assert.Equal(expected, state.ActiveMembers.Select(m => m.UserId).Order());
        Assert.Equal(expected, state.Conversation.MemberIds.Order());
        var messages = h.Store.AllMessages(id);
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => m.Sequence));
        Assert.Equal(12, messages.Count(m => m.SystemEvent == SystemEvents.MembersAdded));
        Assert.Equal(6, messages.Count(m => m.SystemEvent == SystemEvents.MemberRemoved));
        Assert.Equal(30, messages.Count(m => m.Type != MessageType.System));
        Assert.True(state.FindMember("carol")!.ReadSequence >= messages.Last(m => m.SenderId == "carol").Sequence);
    }

    [Fact]
    public async Task Contention_BothOwnersLeavingAtOnce_NeverLeaveTheGroupWithoutAnOwner()
    {
        for (var round = 0; round < 10; round++)
        {
            var h = new ChatHarness();
            var id = await h.GroupAsync(Alice, Bob, Carol);
            await h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest("owner"), None);
            h.Store.Latency = _ => Task.Delay(Random.Shared.Next(0, 3));

            await Task.WhenAll(
                Task.Run(() => h.Membership.RemoveParticipantAsync(Alice, id, "alice", None)),
                Task.Run(() => h.Membership.RemoveParticipantAsync(Bob, id, "bob", None)));

            var carol = Assert.Single((await h.Store.GetStateAsync(id, None))!.ActiveMembers);
            Assert.Equal(("carol", MemberRole.Owner), (carol.UserId, carol.Role));
        }
    }

    [Fact]
    public async Task Contention_RoleChangesRacingTheMembersReceiptsAndSettings_LoseNeither()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        for (var i = 0; i < 20; i++)
        {
            await h.SendTextAsync(Carol, id, $"m{i}");
        }

        h.Store.Latency = _ => Task.Delay(1);
        var messages = h.Store.AllMessages(id);

        var roles = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await h.Membership.ChangeRoleAsync(Alice, id, "bob", new ChangeRoleRequest(i % 2 == 0 ? "admin" : "member"), None);
            }
        });
        var reads = Task.Run(async () =>
        {
            foreach (var message in messages)
            {
                await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(message.Id), None);
            }
        });
        var settings = Task.Run(() => h.Membership.UpdateMeAsync(Bob, id, new UpdateMeRequest(JsonSerializer.SerializeToElement(true), Archived: true), None));
        await Task.WhenAll(roles, reads, settings);

        var bob = (await h.Store.GetStateAsync(id, None))!.FindMember("bob")!;
        Assert.Equal(MemberRole.Member, bob.Role);
        Assert.Equal(messages[^1].Sequence, bob.ReadSequence);
        Assert.True(bob.Archived);
        Assert.NotNull(bob.MutedUntil);
    }
}
