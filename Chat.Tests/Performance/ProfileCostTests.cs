using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Performance;

/// <summary>
/// What profiles cost, counted on the doubles: an upsert is one read and one write of the user's own partition; its
/// projection one conditional patch per conversation of the user and no list-entry write; a new member's fill three
/// requests; and a member document with the largest profile still keeps a read receipt under 2 KB.
/// </summary>
public sealed class ProfileCostTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProfileCost_Upsert_IsOneReadAndOneWrite_OfTheUsersPartition_AndNothingElse()
    {
        var h = new ChatHarness();
        await h.GroupAsync(Alice, Bob, Carol);
        var (profileRequests, chatRequests) = (h.Profiles.Requests, h.Store.Metrics.Requests);

        await h.ProfileService.UpsertAsync("bob", new UpsertProfileRequest("Bob"), None);

        Assert.Equal(2, h.Profiles.Requests - profileRequests);
        Assert.Equal(0, h.Store.Metrics.Requests - chatRequests);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task ProfileCost_Projection_OnePatchPerConversation_NoListEntryWrites(int conversations)
    {
        var h = new ChatHarness();
        for (var i = 0; i < conversations; i++)
        {
            await h.GroupAsync(Alice, Bob, new ChatUser($"u{i}", null));
        }

        await h.ProjectAllAsync();
        await h.ProfileService.UpsertAsync("bob", new UpsertProfileRequest("Bob Builder", InDirectory: true), None);
        h.Store.Metrics.Reset();
        var patchesBefore = h.Store.Calls.GetValueOrDefault("TryPatchMemberProfileAsync");

        await h.ProfileProjector.ApplyAsync(h.Profiles.DrainFeed(), None);
        await h.Projector.ApplyAsync(h.Store.DrainFeed(), None);

        Assert.Equal(conversations, h.Store.Calls.GetValueOrDefault("TryPatchMemberProfileAsync") - patchesBefore);
        Assert.Equal(0, h.Store.Metrics.ProjectionWrites);
    }

    [Fact]
    public async Task ProfileCost_Fill_ThreeRequestsPerNewMember()
    {
        var h = new ChatHarness();
        await h.GroupAsync(Alice, Bob, Carol);
        var members = h.Store.DrainMembersToFill();
        var (profileRequests, chatRequests) = (h.Profiles.Requests, h.Store.Metrics.Requests);

        await h.ProfileFill.ApplyAsync(members, None);

        Assert.Equal(3, members.Count);
        Assert.Equal(2 * 3, h.Profiles.Requests - profileRequests);
        Assert.Equal(3, h.Store.Metrics.Requests - chatRequests);
    }

    [Fact]
    public async Task ProfileCost_ReadReceipt_StaysUnder2KB_WithTheLargestProfile()
    {
        var options = new ChatOptions();
        var h = new ChatHarness(options);
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var avatar = "https://cdn.test/" + new string('a', options.Users.MaxAvatarUrlLength - "https://cdn.test/".Length);
        await h.ProfileService.UpsertAsync("bob", new UpsertProfileRequest(new string('B', options.Users.MaxDisplayNameLength), avatar), None);
        await h.ProjectAllAsync();
        await h.SendTextAsync(Alice, id, "read me");
        h.Store.Metrics.Reset();

        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);

        Assert.Equal(avatar, h.Store.StoredMember(id, "bob")!.ShownAvatarUrl);
        Assert.True(h.Store.Metrics.LargestDocument <= 2048, $"A receipt wrote {h.Store.Metrics.LargestDocument} bytes.");
    }
}
