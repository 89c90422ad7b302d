using Chat.Shared.Domain;
using Chat.Shared.Storage;

namespace Chat.Tests.Storage;

/// <summary>
/// The contract of <see cref="IProfileStore"/> and <see cref="IUserDataStore"/> (the server API's user data: profiles,
/// conversation references, erasures, the directory, and a user's documents in the conversation containers), run
/// against the double and Cosmos DB like the rest of the suite.
/// </summary>
public abstract partial class ChatStoreContractTests
{
    private (IUserDataStore Data, IProfileStore Profiles)? _userStores;

    protected IUserDataStore Data => (_userStores ??= CreateUserStores()).Data;

    protected IProfileStore Profiles => (_userStores ??= CreateUserStores()).Profiles;

    [ContractFact]
    public async Task ProfileStore_PutsProfilesUnderTheirETag_AndKeepsTheFirstCreate()
    {
        var user = User("pat");
        var first = Profile(user, "Pat", 1);

        var created = await Profiles.TryPutProfileAsync(first, None);
        var secondCreate = await Profiles.TryPutProfileAsync(Profile(user, "Other", 1), None);
        var stored = (await Profiles.ReadUserAsync(user, None)).Profile!;
        var replaced = await Profiles.TryPutProfileAsync(stored with { DisplayName = "Patricia", Version = 2 }, None);
        var stale = await Profiles.TryPutProfileAsync(stored with { DisplayName = "Stale", Version = 2 }, None);

        Assert.Equal((true, false, true, false), (created, secondCreate, replaced, stale));
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        var now = (await Profiles.ReadUserAsync(user, None)).Profile!;
        Assert.Equal(("Patricia", 2L), (now.DisplayName, now.Version));
        Assert.Equal(["Patricia"], (await Profiles.GetProfilesAsync([user, User("nobody")], None)).Select(p => p.DisplayName));
    }

    [ContractFact]
    public async Task ProfileStore_MarksAProfileProjected_OnlyAtTheVersionItFinished()
    {
        var user = User("proj");
        await Profiles.TryPutProfileAsync(Profile(user, "Proj", 3) with { DirectoryBuckets = ["pr", "ol"] }, None);

        var stale = await Profiles.TryMarkProjectedAsync(user, 2, [], None);
        var current = await Profiles.TryMarkProjectedAsync(user, 3, ["pr"], None);

        Assert.Equal((false, true), (stale, current));
        var stored = (await Profiles.ReadUserAsync(user, None)).Profile!;
        Assert.Equal(3, stored.ProjectedVersion);
        Assert.Equal(["pr"], stored.DirectoryBuckets);
        Assert.True(await Profiles.DeleteProfileAsync(user, None));
        Assert.False(await Profiles.DeleteProfileAsync(user, None));
        Assert.Null((await Profiles.ReadUserAsync(user, None)).Profile);
    }

    [ContractFact]
    public async Task ProfileStore_KeepsTheFirstReference_AndPagesReferencesInIdOrder()
    {
        var user = User("refs");
        var (a, b, c) = (Id("ca"), Id("cb"), Id("cc"));
        foreach (var id in new[] { c, a, b })
        {
            await Profiles.PutConversationRefAsync(new ConversationRef(user, id, T0), None);
        }

        await Profiles.PutConversationRefAsync(new ConversationRef(user, a, T0.AddDays(1)), None);

        var first = await Profiles.GetConversationRefsAsync(user, null, 2, None);
        var rest = await Profiles.GetConversationRefsAsync(user, first[^1].ConversationId, 2, None);
        Assert.Equal([a, b], first.Select(r => r.ConversationId));
        Assert.Equal([c], rest.Select(r => r.ConversationId));
        Assert.Equal(T0, (await Profiles.GetConversationRefAsync(user, a, None))!.FirstSeenAt);
        Assert.True(await Profiles.DeleteConversationRefAsync(user, a, None));
        Assert.Null(await Profiles.GetConversationRefAsync(user, a, None));
    }

    [ContractFact]
    public async Task ProfileStore_PutsErasuresUnderTheirETag_AndFindsRunningOnesAcrossUsers()
    {
        var (running, done) = (User("erase-run"), User("erase-done"));
        var job = (await Profiles.TryPutErasureAsync(ErasureJob.Start(running, null, T0), None))!;
        var completed = (await Profiles.TryPutErasureAsync(ErasureJob.Start(done, null, T0), None))!;
        completed = (await Profiles.TryPutErasureAsync(completed with { Status = ErasureStatus.Completed, Phase = ErasurePhase.Completed }, None))!;

        var duplicate = await Profiles.TryPutErasureAsync(ErasureJob.Start(running, null, T0), None);
        var advanced = await Profiles.TryPutErasureAsync(job with { ConversationId = "c_1", AfterSequence = 5 }, None);
        var stale = await Profiles.TryPutErasureAsync(job with { AfterSequence = 9 }, None);

        Assert.Null(duplicate);
        Assert.NotNull(advanced);
        Assert.Null(stale);
        Assert.Equal(5, (await Profiles.ReadUserAsync(running, None)).Erasure!.AfterSequence);
        var found = await Profiles.GetRunningErasuresAsync(100, None);
        Assert.Contains(found, j => j.UserId == running);
        Assert.DoesNotContain(found, j => j.UserId == done);
        Assert.Equal(ErasureStatus.Completed, (await Profiles.ReadUserAsync(done, None)).Erasure!.Status);
    }

    [ContractFact]
    public async Task ProfileStore_WritesDirectoryEntriesOnlyOverOlderVersions_AndSearchesOneBucketByPrefix()
    {
        var bucket = "z" + _run[..1];
        var (u1, u2, u3) = (User("d1"), User("d2"), User("d3"));
        await Profiles.TryPutDirectoryEntryAsync(new DirectoryEntry(bucket, u1, bucket + "ra one", "Zara One", null, 2), None);
        await Profiles.TryPutDirectoryEntryAsync(new DirectoryEntry(bucket, u2, bucket + "ra two", "Zara Two", "https://a.test/2.png", 1), None);
        await Profiles.TryPutDirectoryEntryAsync(new DirectoryEntry(bucket, u3, bucket + "x", "Zx", null, 1), None);

        var older = await Profiles.TryPutDirectoryEntryAsync(new DirectoryEntry(bucket, u1, bucket + "ra old", "Old", null, 1), None);
        var newer = await Profiles.TryPutDirectoryEntryAsync(new DirectoryEntry(bucket, u2, bucket + "ra twin", "Zara Twin", null, 2), None);

        Assert.Equal((false, true), (older, newer));
        var page = await Profiles.SearchDirectoryAsync(bucket, bucket + "ra", null, 1, None);
        var next = await Profiles.SearchDirectoryAsync(bucket, bucket + "ra", new DirectoryPosition(bucket + "ra", page[0].Name, page[0].UserId), 5, None);
        Assert.Equal(["Zara One"], page.Select(e => e.DisplayName));
        Assert.Equal(["Zara Twin"], next.Select(e => e.DisplayName));
        Assert.True(await Profiles.DeleteDirectoryEntryAsync(bucket, u1, None));
        Assert.Null(await Profiles.GetDirectoryEntryAsync(bucket, u1, None));
        Assert.Equal("Zara Twin", (await Profiles.GetDirectoryEntryAsync(bucket, u2, None))!.DisplayName);
    }

    [ContractFact]
    public async Task ServerUserData_PatchesAMemberProfileCopy_OnlyWithANewerVersion()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);

        var none = await Data.TryPatchMemberProfileAsync(id, bob, MemberProfile.None, None);
        var noneAgain = await Data.TryPatchMemberProfileAsync(id, bob, MemberProfile.None, None);
        var v2 = await Data.TryPatchMemberProfileAsync(id, bob, new MemberProfile("Bobby", "https://a.test/b.png", 2), None);
        var v1 = await Data.TryPatchMemberProfileAsync(id, bob, new MemberProfile("Old", null, 1), None);
        var missing = await Data.TryPatchMemberProfileAsync(id, User("stranger"), new MemberProfile("X", null, 5), None);

        Assert.Equal((true, false, true, false, false), (none, noneAgain, v2, v1, missing));
        var member = (await Store.ReadItemsAsync(id, ItemKeys.Member(bob), None)).Members[bob];
        Assert.Equal(new MemberProfile("Bobby", "https://a.test/b.png", 2), member.Profile);
        Assert.Equal(("Bobby", "https://a.test/b.png"), (member.ShownDisplayName, member.ShownAvatarUrl));
    }

    [ContractFact]
    public async Task ServerUserData_FindsAUsersMessagesUploadsAndMemberships()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var first = await CreateAsync(alice, bob);
        var second = await CreateAsync(bob, User("carol"));
        var m1 = await AppendAsync(first, bob);
        await AppendAsync(first, alice);
        var m3 = await AppendAsync(first, bob);
        var upload = await ReserveAsync(first, bob);
        await ReserveAsync(first, alice);

        var messages = await Data.GetMessagesBySenderAsync(first, bob, 0, 10, None);
        var afterFirst = await Data.GetMessagesBySenderAsync(first, bob, m1.Sequence, 10, None);
        var uploads = await Data.GetAttachmentsByUploaderAsync(first, bob, 10, None);
        var memberships = await Data.GetMembershipsAsync(bob, null, 10, None);
        var afterOne = await Data.GetMembershipsAsync(bob, memberships[0], 10, None);

        Assert.Equal([m1.Id, m3.Id], messages.Select(m => m.Id));
        Assert.Equal([m3.Id], afterFirst.Select(m => m.Id));
        Assert.Equal([upload.Id], uploads.Select(a => a.Id));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), memberships);
        Assert.Equal(memberships.Skip(1), afterOne);
    }

    [ContractFact]
    public async Task ServerUserData_DeletesMembersUploadsAndListEntries()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var id = await CreateAsync(alice, bob);
        await Store.TryAdvanceDeliveredAsync(id, bob, 1, T0, None);
        var upload = await ReserveAsync(id, bob);
        await Store.TryPutListEntryAsync(ListEntry(bob, id, T0), None);

        var members = await Data.DeleteMemberAsync(id, bob, None);
        var again = await Data.DeleteMemberAsync(id, bob, None);
        var attachment = await Data.DeleteAttachmentAsync(id, upload.Id, None);
        var entry = await Data.DeleteListEntryAsync(bob, id, None);

        Assert.Equal((2, 0, true, true), (members, again, attachment, entry));
        var items = await Store.ReadItemsAsync(id, new ItemKeys { MemberIds = [alice, bob], DeliveryIds = [bob], AttachmentIds = [upload.Id] }, None);
        Assert.Equal([alice], items.Members.Keys);
        Assert.Empty(items.Deliveries);
        Assert.Empty(items.Attachments);
        Assert.Empty(await Data.GetAllListEntriesAsync(bob, null, 10, None));
    }

    [ContractFact]
    public async Task ServerUserData_PagesEveryListEntryOfAUser_MostRecentFirst()
    {
        var user = User("lister");
        var (a, b, c) = (Id("la"), Id("lb"), Id("lc"));
        await Store.TryPutListEntryAsync(ListEntry(user, a, T0.AddSeconds(1)), None);
        await Store.TryPutListEntryAsync(ListEntry(user, b, T0.AddSeconds(3)) with { Folder = ListFolder.Archived, Archived = true }, None);
        await Store.TryPutListEntryAsync(ListEntry(user, c, T0.AddSeconds(2)) with { Folder = ListFolder.Left, State = MemberState.Left }, None);

        var first = await Data.GetAllListEntriesAsync(user, null, 2, None);
        var rest = await Data.GetAllListEntriesAsync(user, new ConversationListPosition(first[^1].LastActivityAt, first[^1].ConversationId), 2, None);

        Assert.Equal([b, c], first.Select(e => e.ConversationId));
        Assert.Equal([a], rest.Select(e => e.ConversationId));
    }

    private static UserProfile Profile(string user, string name, long version) => new()
    {
        UserId = user,
        DisplayName = name,
        Version = version,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static UserConversation ListEntry(string user, string conversationId, DateTimeOffset activity) =>
        Entry(user, conversationId, activity, 0, new ProjectionVersion(1, 1));
}
