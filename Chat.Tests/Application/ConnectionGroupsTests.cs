using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// A new SignalR connection joins the group of every conversation its user is an active member of, by connection id:
/// SignalR Service keeps a user's own group memberships for only the 100 groups joined last (and a year), so a user in
/// more conversations would otherwise miss live events of the older ones.
/// </summary>
public class ConnectionGroupsTests
{
    [Fact]
    public async Task Membership_ANewConnection_JoinsTheGroupsOfAllItsUsersActiveConversations_BeyondAHundred()
    {
        var h = new ChatHarness();
        var conversations = new List<string>();
        for (var i = 0; i < 105; i++)
        {
            conversations.Add(await h.DirectAsync(Bob, new ChatUser($"friend{i:D3}", null)));
        }

        var left = await h.GroupAsync(Alice, Bob, Carol);
        await h.Membership.RemoveParticipantAsync(Bob, left, "bob", CancellationToken.None);
        await h.ProjectAsync();

        var actions = await h.ConnectWithGroupsAsync(Bob, "bob-phone");

        Assert.Equal(conversations.Order(StringComparer.Ordinal), actions.Groups.Select(g => g.ConversationId).Order(StringComparer.Ordinal));
        Assert.All(actions.Groups, g => Assert.Equal(new GroupChange(g.ConversationId, "bob", Join: true, "bob-phone"), g));
        Assert.DoesNotContain(actions.Groups, g => g.ConversationId == left);
    }

    [Fact]
    public async Task Membership_AConnectionEventWithoutAValidUser_JoinsNothing()
    {
        var h = new ChatHarness();
        await h.DirectAsync(Bob, Alice);

        var actions = await h.PresenceService.OnConnectedAsync("", "conn-1", CancellationToken.None);

        Assert.Empty(actions.Groups);
        Assert.Empty(actions.Events);
    }
}
