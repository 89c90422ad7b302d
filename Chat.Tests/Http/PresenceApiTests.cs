using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// <c>GET /api/presence</c> and presence in the conversation view over HTTP: co-members are known, everyone else is
/// unknown exactly like a user who does not exist, and the answers have the documented shape.
/// </summary>
public sealed class PresenceApiTests
{
    [Fact]
    public async Task Presence_Get_AnswersCoMembersPresence_AndStrangersAsUnknown_InTheOrderAsked()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateDirectAsync(host, Alice, Bob);
        await ConnectAsync(host, "bob", "bob-phone");
        await ConnectAsync(host, "mallory", "mallory-phone");
        using var alice = host.ClientFor(Alice);

        var body = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/presence?userIds=mallory,bob,mallory", UriKind.Relative)));

        Assert.Equal(
            """{"items":[{"userId":"mallory","online":null,"lastSeenAt":null,"version":0},{"userId":"bob","online":true,"lastSeenAt":null,"version":1}]}""",
            body.ToJsonString());
    }

    [Fact]
    public async Task Presence_Get_AStrangerWhoIsOnline_LooksExactlyLikeAUserWhoDoesNotExist()
    {
        await using var host = await ChatApiHost.StartAsync();
        await CreateDirectAsync(host, Mallory, Carol);
        await ConnectAsync(host, "mallory", "mallory-phone");
        using var alice = host.ClientFor(Alice);

        var stranger = (await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/presence?userIds=mallory", UriKind.Relative))))["items"]![0]!;
        var ghost = (await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri("/api/presence?userIds=ghost", UriKind.Relative))))["items"]![0]!;

        stranger["userId"] = "x";
        ghost["userId"] = "x";
        Assert.Equal(ghost.ToJsonString(), stranger.ToJsonString());
    }

    [Fact]
    public async Task Presence_Get_ARemovedMember_LearnsNothingMoreAboutFormerCoMembers()
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        await ConnectAsync(host, "bob", "bob-phone");
        using var carol = host.ClientFor(Carol);
        var before = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/presence?userIds=bob", UriKind.Relative)));

        using var alice = host.ClientFor(Alice);
        Assert.Equal(HttpStatusCode.OK, (await alice.DeleteAsync(new Uri($"/api/conversations/{group}/participants/carol", UriKind.Relative))).StatusCode);
        var after = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/presence?userIds=bob,alice", UriKind.Relative)));

        Assert.True(before["items"]![0]!["online"]!.GetValue<bool>());
        Assert.All(after["items"]!.AsArray(), item => Assert.Null(item!["online"]));
    }

    [Fact]
    public async Task Presence_Get_WithoutAToken_Is401_AndReadsNoPresence()
    {
        await using var host = await ChatApiHost.StartAsync();
        await ConnectAsync(host, "bob", "bob-phone");
        host.Presence.Calls.Clear();

        var response = await host.Client.GetAsync(new Uri("/api/presence?userIds=bob", UriKind.Relative));

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing_token");
        Assert.Empty(host.Presence.Calls);
    }

    [Fact]
    public async Task Presence_ConversationGet_ShowsEachParticipantOnlineAndLastSeen()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        await ConnectAsync(host, "bob", "bob-phone");
        using var alice = host.ClientFor(Alice);

        var body = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri($"/api/conversations/{id}", UriKind.Relative)));

        var participants = body["participants"]!.AsArray().ToDictionary(p => p!["userId"]!.GetValue<string>());
        Assert.True(participants["bob"]!["online"]!.GetValue<bool>());
        Assert.False(participants["carol"]!["online"]!.GetValue<bool>());
        Assert.Null(participants["carol"]!["lastSeenAt"]);
        Assert.Equal(3, participants.Count);
    }

    [Fact]
    public void Presence_ChangedEvent_HasTheDocumentedShape()
    {
        var e = RealtimeEvent.ToConversation(EventTargets.PresenceChanged, "g_1",
            new PresenceChangedEvent("bob", false, new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), 2));

        var json = JsonNode.Parse(e.PayloadJson().GetRawText());

        Assert.Equal("presenceChanged", e.Target);
        var expected = JsonNode.Parse("""{"userId":"bob","online":false,"lastSeenAt":"2026-11-24T12:00:00+00:00","version":2}""");
        Assert.True(JsonNode.DeepEquals(expected, json), json!.ToJsonString());
    }

    private static Task<IReadOnlyList<RealtimeEvent>> ConnectAsync(ChatApiHost host, string userId, string connectionId) =>
        host.Services.GetRequiredService<PresenceService>().ConnectedAsync(userId, connectionId, CancellationToken.None);
}
