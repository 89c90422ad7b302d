using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// Profiles reach every conversation through the change feed (the member profile fill and the profile projection), not
/// the request path, and converge whatever the order, repetition or interleaving of the feeds' batches.
/// </summary>
public sealed class ProfileProjectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProfileUpsert_WritesOnlyTheProfile_AndTheProjectionBringsItToEveryConversation()
    {
        var h = new ChatHarness();
        var direct = await h.DirectAsync(Alice, Bob);
        var group = await h.GroupAsync(Carol, Alice, Bob);
        await h.SendTextAsync(Bob, group, "hi all");
        await h.ProjectAllAsync();
        var conversationsBefore = h.Store.Snapshot();

        await h.ProfileService.UpsertAsync("bob", Upsert("Bob Builder", "https://cdn.test/bob.png"), None);

        Assert.Equal(conversationsBefore, h.Store.Snapshot());
        await h.ProjectAllAsync();
        foreach (var id in new[] { direct, group })
        {
            var view = await h.Conversations.GetAsync(Alice, id, None);
            Assert.Equal(("Bob Builder", "https://cdn.test/bob.png"),
                view.Participants.Where(p => p.UserId == "bob").Select(p => (p.DisplayName, p.AvatarUrl)).Single());
        }

        var history = await h.Messages.GetHistoryAsync(Carol, group, new HistoryRequest(), None);
        Assert.Equal(new SenderDto("bob", "Bob Builder", "https://cdn.test/bob.png"), history.Items.Single().Sender);
    }

    [Fact]
    public async Task Views_ShowTheTokensName_UntilAProfileExists_AndTheProfileAfter_EvenWhenTheUserSendsAgain()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        await h.SendTextAsync(Bob, id, "one");
        await h.ProjectAllAsync();
        var beforeProfile = await h.Conversations.GetAsync(Alice, id, None);

        await h.ProfileService.UpsertAsync("bob", Upsert("Robert"), None);
        await h.ProjectAllAsync();
        var sent = await h.SendTextAsync(Bob, id, "two");
        await h.ProjectAllAsync();

        Assert.Equal("Bob", beforeProfile.Participants.Single(p => p.UserId == "bob").DisplayName);
        Assert.Equal("Robert", (await h.Conversations.GetAsync(Alice, id, None)).Participants.Single(p => p.UserId == "bob").DisplayName);
        Assert.Equal("Robert", sent.Sender.DisplayName);
        Assert.All((await h.Messages.GetHistoryAsync(Alice, id, new HistoryRequest(), None)).Items, m => Assert.Equal("Robert", m.Sender.DisplayName));
    }

    [Fact]
    public async Task NewMember_GetsTheProfile_ThatExistedBeforeTheyJoined()
    {
        var h = new ChatHarness();
        await h.ProfileService.UpsertAsync("dave", Upsert("Dave D", "https://cdn.test/dave.png"), None);
        await h.ProjectAllAsync();
        var group = await h.GroupAsync(Alice, Bob, Carol);

        await h.Membership.AddParticipantsAsync(Alice, group, new AddParticipantsRequest(["dave"]), None);
        await h.ProjectAllAsync();

        var dave = (await h.Conversations.GetAsync(Alice, group, None)).Participants.Single(p => p.UserId == "dave");
        Assert.Equal(("Dave D", "https://cdn.test/dave.png"), (dave.DisplayName, dave.AvatarUrl));
        Assert.Contains(h.Profiles.ReferencesOf("dave"), r => r.ConversationId == group);
    }

    [Fact]
    public async Task Projection_ReachesMembersWhoLeft_SoTheirOldMessagesShowTheProfile()
    {
        var h = new ChatHarness();
        var group = await h.GroupAsync(Alice, Bob, Carol);
        await h.SendTextAsync(Bob, group, "bye");
        await h.ProjectAllAsync();
        await h.Membership.RemoveParticipantAsync(Bob, group, "bob", None);
        await h.ProjectAllAsync();

        await h.ProfileService.UpsertAsync("bob", Upsert("Former Bob"), None);
        await h.ProjectAllAsync();

        var history = await h.Messages.GetHistoryAsync(Alice, group, new HistoryRequest(), None);
        Assert.Equal("Former Bob", history.Items.First(m => m.Content == "bye").Sender.DisplayName);
    }

    [Fact]
    public async Task Projection_OfItsOwnEcho_WritesNothing()
    {
        var h = new ChatHarness();
        await h.GroupAsync(Alice, Bob, Carol);
        await h.ProjectAllAsync();
        await h.ProfileService.UpsertAsync("bob", Upsert("Bobby"), None);
        await h.ProfileProjector.ApplyAsync(h.Profiles.DrainFeed(), None);
        var echo = h.Profiles.DrainFeed();
        var patches = h.Store.Calls.GetValueOrDefault("TryPatchMemberProfileAsync");

        await h.ProfileProjector.ApplyAsync(echo, None);

        Assert.Equal(["bob"], echo);
        Assert.Equal(patches, h.Store.Calls.GetValueOrDefault("TryPatchMemberProfileAsync"));
    }

    [Fact]
    public async Task Projection_ReplayOfAnOldVersion_NeverOverwritesANewerProfileCopy()
    {
        var h = new ChatHarness();
        var group = await h.GroupAsync(Alice, Bob, Carol);
        await h.ProjectAllAsync();
        await h.ProfileService.UpsertAsync("bob", Upsert("One"), None);
        await h.ProjectAllAsync();
        var old = h.Store.StoredMember(group, "bob")!;
        await h.ProfileService.UpsertAsync("bob", Upsert("Two"), None);
        await h.ProjectAllAsync();

        var stale = await h.Store.TryPatchMemberProfileAsync(group, "bob", old.Profile!, None);
        await h.ProfileFill.ApplyAsync([new MemberToFill(group, "bob")], None);
        await h.ProfileProjector.ApplyAsync(h.Profiles.WholeFeed(), None);

        Assert.False(stale);
        Assert.Equal(new MemberProfile("Two", null, 2), h.Store.StoredMember(group, "bob")!.Profile);
    }

    /// <summary>
    /// Random interleavings of joins, leaves, profile changes, partial feed drains, whole-feed replays and duplicate
    /// batches: once every feed is drained, each member document of the user carries the current profile.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Profile_Converges_UnderReplaysDuplicatesAndAnyInterleavingOfTheFeeds(int seed)
    {
        var random = new Random(seed);
        var h = new ChatHarness();
        var groups = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            groups.Add(await h.GroupAsync(Alice, Carol, new ChatUser($"extra{i}", null)));
        }

        var version = 0;
        for (var step = 0; step < 40; step++)
        {
            switch (random.Next(7))
            {
                case 0:
                    await h.Membership.AddParticipantsAsync(Alice, groups[random.Next(groups.Count)], new AddParticipantsRequest(["bob"]), None);
                    break;
                case 1:
                    var leaveFrom = groups[random.Next(groups.Count)];
                    if (h.Store.StoredMember(leaveFrom, "bob") is { IsActive: true })
                    {
                        await h.Membership.RemoveParticipantAsync(Bob, leaveFrom, "bob", None);
                    }

                    break;
                case 2:
                    await h.ProfileService.UpsertAsync("bob", Upsert($"Bob v{++version}", random.Next(2) == 0 ? null : $"https://cdn.test/{version}.png"), None);
                    break;
                case 3:
                    await h.ProfileFill.ApplyAsync(h.Store.DrainMembersToFill(), None);
                    break;
                case 4:
                    await h.ProfileProjector.ApplyAsync(h.Profiles.DrainFeed(), None);
                    break;
                case 5:
                    // A replay of the whole profile feed, in a shuffled order, twice (duplicates).
                    var replay = h.Profiles.WholeFeed().OrderBy(_ => random.Next()).ToList();
                    await h.ProfileProjector.ApplyAsync([.. replay, .. replay], None);
                    break;
                default:
                    // A duplicate fill of members already filled: the stored copy can only stay or grow.
                    await h.ProfileFill.ApplyAsync(groups.Select(g => new MemberToFill(g, "bob")).ToList(), None);
                    break;
            }
        }

        await h.ProjectAllAsync();

        var current = (await h.Profiles.ReadUserAsync("bob", None)).Profile;
        var expected = current?.ToMemberProfile() ?? MemberProfile.None;
        foreach (var group in groups)
        {
            if (h.Store.StoredMember(group, "bob") is { IsActive: true } member)
            {
                Assert.Equal(expected, member.Profile);
                Assert.Equal(current?.DisplayName ?? member.DisplayName, member.ShownDisplayName);
            }
        }
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 25));

    [Fact]
    public async Task Directory_FollowsTheName_AndForgetsOldBucketsAndUnlistedUsers()
    {
        var h = new ChatHarness();
        await h.ProfileService.UpsertAsync("bob", Upsert("Bob Builder", inDirectory: true), None);
        await h.ProjectAllAsync();
        var first = h.Profiles.EntriesOf("bob");

        await h.ProfileService.UpsertAsync("bob", Upsert("Robert", inDirectory: true), None);
        await h.ProfileService.UpsertAsync("bob", Upsert("Zed", inDirectory: true), None);
        await h.ProjectAllAsync();
        var renamed = h.Profiles.EntriesOf("bob");

        await h.ProfileService.UpsertAsync("bob", Upsert("Zed", inDirectory: false), None);
        await h.ProjectAllAsync();

        Assert.Equal(["bo"], first.Select(e => e.Bucket));
        Assert.Equal(["ze"], renamed.Select(e => e.Bucket));
        Assert.Empty(h.Profiles.EntriesOf("bob"));
        Assert.Empty((await h.Profiles.ReadUserAsync("bob", None)).Profile!.DirectoryBuckets);
    }

    [Theory]
    [InlineData("Zoë Ångström", "zoe angstrom", "zo")]
    [InlineData("  ÉMILE  d'Arc ", "emile d arc", "em")]
    [InlineData("王小明", "王小明", "王小")]
    [InlineData("😀 Smile", "smile", "sm")]
    [InlineData("J", "j", null)]
    [InlineData("🎉🎉", "", null)]
    public void DirectoryNames_NormaliseNames_AndFileThemByTheirFirstTwoCharacters(string name, string normalized, string? bucket)
    {
        Assert.Equal(normalized, DirectoryNames.Normalize(name));
        Assert.Equal(bucket, DirectoryNames.BucketOf(name));
    }

    private static UpsertProfileRequest Upsert(string name, string? avatar = null, bool inDirectory = false) =>
        new(name, avatar, null, inDirectory);
}
