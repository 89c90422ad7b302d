using Chat.Shared.Realtime;
using System.Net;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class ConversationsApiTests
{
    [Fact]
    public async Task Create_Returns201WithLocationAndConversation_WhenDirectPairIsNew()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", """{"participantIds":["bob"],"metadata":{"orderId":"o-1"}}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        var id = body["id"]!.GetValue<string>();
        Assert.Equal($"/api/conversations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("direct", body["kind"]!.GetValue<string>());
        Assert.Equal("o-1", body["metadata"]!["orderId"]!.GetValue<string>());
        Assert.Equal(["alice", "bob"], body["participants"]!.AsArray().Select(p => p!["userId"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_Returns200WithSameConversation_WhenOtherParticipantCreatesTheSamePair()
    {
        await using var host = await ChatApiHost.StartAsync();
        var first = await CreateDirectAsync(host, Alice, Bob);
        using var bob = host.ClientFor(Bob);

        var response = await bob.PostAsync("/api/conversations", """{"participantIds":["alice"]}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.OK);
        Assert.Equal(first, body["id"]!.GetValue<string>());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Create_Returns201Group_WhenTwoOthersAreNamed()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var alice = host.ClientFor(Alice);

        var response = await alice.PostAsync("/api/conversations", """{"participantIds":["bob","carol"],"title":"Team"}""");

        var body = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Equal("group", body["kind"]!.GetValue<string>());
        Assert.Equal("Team", body["title"]!.GetValue<string>());
        Assert.Equal(3, body["participants"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_ReturnsMostRecentFirstWithUnreadCounts_ForTheCaller()
    {
        await using var host = await ChatApiHost.StartAsync();
        var direct = await CreateDirectAsync(host, Alice, Bob);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendTextAsync(host, Alice, direct, "latest");
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/conversations", UriKind.Relative)));

        var items = body["items"]!.AsArray();
        Assert.Equal([direct, group], items.Select(i => i!["id"]!.GetValue<string>()).ToArray());
        Assert.Equal(1, items[0]!["unreadCount"]!.GetValue<long>());
        Assert.Equal("latest", items[0]!["lastMessage"]!["text"]!.GetValue<string>());
        Assert.False(body["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task List_PagesWithCursor_WhenLimitIsSmallerThanTheList()
    {
        await using var host = await ChatApiHost.StartAsync();
        var first = await CreateDirectAsync(host, Alice, Bob);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateDirectAsync(host, Alice, Carol);
        using var alice = host.ClientFor(Alice);

        var page1 = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/conversations?limit=1", UriKind.Relative)));
        var cursor = page1["nextCursor"]!.GetValue<string>();
        var page2 = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri($"/api/conversations?limit=1&cursor={cursor}", UriKind.Relative)));

        Assert.Equal(second, page1["items"]![0]!["id"]!.GetValue<string>());
        Assert.True(page1["hasMore"]!.GetValue<bool>());
        Assert.Equal(first, page2["items"]![0]!["id"]!.GetValue<string>());
        Assert.False(page2["hasMore"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Get_ReturnsParticipantsWithReadAndDeliveryPositions_ForAParticipant()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}", UriKind.Relative)));

        var alice = body["participants"]!.AsArray().Single(p => p!["userId"]!.GetValue<string>() == "alice")!;
        var bobEntry = body["participants"]!.AsArray().Single(p => p!["userId"]!.GetValue<string>() == "bob")!;
        Assert.Equal(1, alice["readSequence"]!.GetValue<long>());
        Assert.Equal(0, bobEntry["readSequence"]!.GetValue<long>());
        Assert.Equal(1, body["unreadCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetUnread_ReturnsTotalAndPerConversationCounts_ForTheBadge()
    {
        await using var host = await ChatApiHost.StartAsync();
        var direct = await CreateDirectAsync(host, Alice, Bob);
        var group = await CreateGroupAsync(host, Carol, Bob, Alice);
        await SendTextAsync(host, Alice, direct);
        await SendTextAsync(host, Alice, direct);
        await SendTextAsync(host, Carol, group);
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative)));

        Assert.Equal(3, body["total"]!.GetValue<long>());
        var counts = body["conversations"]!.AsArray().ToDictionary(c => c!["conversationId"]!.GetValue<string>(), c => c!["unreadCount"]!.GetValue<long>());
        Assert.Equal(2, counts[direct]);
        Assert.Equal(1, counts[group]);
    }

    [Fact]
    public async Task Create_JoinsEveryMemberToTheConversationGroup_AndTheChangeFeedAnnouncesItToEach()
    {
        await using var host = await ChatApiHost.StartAsync();

        var id = await CreateDirectAsync(host, Alice, Bob);

        Assert.Equal([new GroupChange(id, "alice", true), new GroupChange(id, "bob", true)], host.State.Groups);
        Assert.All(host.Events, e => Assert.Equal(EventTargets.ConversationUpdated, e.Target));
        Assert.Equal([EventAudience.User("alice"), EventAudience.User("bob")], host.Events.Select(e => e.Audience).OrderBy(a => a.UserId));
    }
}
