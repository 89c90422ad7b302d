using System.Net;
using System.Text.Json.Nodes;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// <c>GET /api/users/{id}</c>, <c>?ids=</c> and <c>?prefix=</c>: profiles of users who share a conversation with the
/// caller or are listed in the directory, never of strangers, without a cross-partition query.
/// </summary>
public sealed class ProfileLookupApiTests
{
    [Fact]
    public async Task GetUser_ShowsTheProfile_OfSomeoneSharingAConversation()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateDirectAsync(host, Alice, Bob);
        await ServerApiTests.PutProfileAsync(host, "bob", """{"displayName":"Bob Builder","avatarUrl":"https://cdn.test/bob.png","metadata":{"tier":"gold"}}""");
        using var alice = host.ClientFor(Alice);

        var bob = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/users/bob", UriKind.Relative)));

        Assert.Equal("""{"id":"bob","displayName":"Bob Builder","avatarUrl":"https://cdn.test/bob.png"}""", bob.ToJsonString());
    }

    [Fact]
    public async Task GetUser_ShowsTheTokensName_OfSomeoneWithoutAProfile()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Bob, id);
        using var alice = host.ClientFor(Alice);

        var bob = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/users/bob", UriKind.Relative)));

        Assert.Equal(("Bob", null), (bob["displayName"]!.GetValue<string>(), bob["avatarUrl"]?.GetValue<string>()));
    }

    [Fact]
    public async Task GetUser_OfAStranger_Answers404_LikeAUserWhoDoesNotExist()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateDirectAsync(host, Alice, Bob);
        await ServerApiTests.PutProfileAsync(host, "carol", """{"displayName":"Carol"}""");
        using var mallory = host.ClientFor(Mallory);

        var stranger = await mallory.GetAsync(new Uri("/api/users/carol", UriKind.Relative));
        var unknown = await mallory.GetAsync(new Uri("/api/users/nobody", UriKind.Relative));
        var bob = await mallory.GetAsync(new Uri("/api/users/bob", UriKind.Relative));

        await ApiJson.ReadProblemAsync(stranger, HttpStatusCode.NotFound, "user.not_found");
        await ApiJson.ReadProblemAsync(bob, HttpStatusCode.NotFound, "user.not_found");
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await stranger.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetUser_OfADirectoryUser_AnswersToAnyone_AndOfYourself()
    {
        await using var host = await ChatApiHost.StartAsync();
        await ServerApiTests.PutProfileAsync(host, "carol", """{"displayName":"Carol Listed","inDirectory":true}""");
        using var mallory = host.ClientFor(Mallory);

        var carol = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri("/api/users/carol", UriKind.Relative)));
        var self = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri("/api/users/mallory", UriKind.Relative)));

        Assert.Equal("Carol Listed", carol["displayName"]!.GetValue<string>());
        Assert.Equal("Mallory", self["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetUsers_ByIds_ReturnsTheVisibleOnes_InTheOrderAsked()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateGroupAsync(host, Alice, Bob, Carol);
        await ServerApiTests.PutProfileAsync(host, "carol", """{"displayName":"Carol C"}""");
        await ServerApiTests.PutProfileAsync(host, "dave", """{"displayName":"Dave Listed","inDirectory":true}""");
        await ServerApiTests.PutProfileAsync(host, "erin", """{"displayName":"Erin Hidden"}""");
        using var alice = host.ClientFor(Alice);

        var users = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/users?ids=erin,carol,nobody,dave,bob,carol", UriKind.Relative)));

        Assert.Equal(["carol:Carol C", "dave:Dave Listed", "bob:"],
            users["items"]!.AsArray().Select(u => $"{u!["id"]}:{u["displayName"]?.GetValue<string>()}"));
    }

    [Fact]
    public async Task GetUsers_StopSharing_WhenTheCallerLeaves()
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var carol = host.ClientFor(Carol);
        var before = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/users?ids=alice,bob", UriKind.Relative)));

        await carol.DeleteAsync(new Uri($"/api/conversations/{group}/participants/carol", UriKind.Relative));
        var after = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/users?ids=alice,bob", UriKind.Relative)));

        Assert.Equal(2, before["items"]!.AsArray().Count);
        Assert.Empty(after["items"]!.AsArray());
    }

    [Fact]
    public async Task GetUsers_ReadOnlyTheCallersPartition_AndPointReads_NeverAQueryAcrossUsers()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateGroupAsync(host, Alice, Bob, Carol);
        using var alice = host.ClientFor(Alice);
        host.Store.Calls.Clear();

        await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/users?ids=bob,mallory", UriKind.Relative)));

        Assert.DoesNotContain("GetMembershipsAsync", host.Store.Calls.Keys);
        Assert.DoesNotContain("GetAllListEntriesAsync", host.Store.Calls.Keys);
        Assert.True(host.Store.Calls.GetValueOrDefault("GetUserConversationsAsync") is >= 1 and <= 2);
    }

    [Fact]
    public async Task Directory_FindsListedUsersByNamePrefix_PageByPage_IgnoringCaseAndAccents()
    {
        await using var host = await ChatApiHost.StartAsync();
        await ServerApiTests.PutProfileAsync(host, "u1", """{"displayName":"Émile Zola","inDirectory":true}""");
        await ServerApiTests.PutProfileAsync(host, "u2", """{"displayName":"emma stone","inDirectory":true}""");
        await ServerApiTests.PutProfileAsync(host, "u3", """{"displayName":"Emmet","inDirectory":true}""");
        await ServerApiTests.PutProfileAsync(host, "u4", """{"displayName":"Emma Hidden"}""");
        await ServerApiTests.PutProfileAsync(host, "u5", """{"displayName":"Bob","inDirectory":true}""");
        using var mallory = host.ClientFor(Mallory);

        var first = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri("/api/users?prefix=EM&limit=2", UriKind.Relative)));
        var second = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri(
            "/api/users?prefix=EM&limit=2&cursor=" + Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>()), UriKind.Relative)));
        var emm = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri("/api/users?prefix=Emm", UriKind.Relative)));

        Assert.Equal(["Émile Zola", "emma stone"], Names(first));
        Assert.Equal(["Emmet"], Names(second));
        Assert.False(second["hasMore"]!.GetValue<bool>());
        Assert.Equal(["emma stone", "Emmet"], Names(emm));
    }

    [Fact]
    public async Task Directory_RefusesAPrefixShorterThanABucket_AndACursorOfAnotherPrefix()
    {
        await using var host = await ChatApiHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await ServerApiTests.PutProfileAsync(host, $"u{i}", $$"""{"displayName":"Emma {{i}}","inDirectory":true}""");
        }

        using var mallory = host.ClientFor(Mallory);
        var page = await ApiJson.ReadOkAsync(await mallory.GetAsync(new Uri("/api/users?prefix=em&limit=1", UriKind.Relative)));

        await ApiJson.ReadProblemAsync(await mallory.GetAsync(new Uri("/api/users?prefix=e", UriKind.Relative)), HttpStatusCode.BadRequest, "user.invalid_prefix");
        await ApiJson.ReadProblemAsync(await mallory.GetAsync(new Uri(
            "/api/users?prefix=emma&cursor=" + Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>()), UriKind.Relative)),
            HttpStatusCode.BadRequest, "request.invalid_cursor");
    }

    private static List<string> Names(JsonNode page) => page["items"]!.AsArray().Select(u => u!["displayName"]!.GetValue<string>()).ToList();
}
