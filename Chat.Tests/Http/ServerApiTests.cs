using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Realtime;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>The server routes over HTTP with a server token: what the app's backend does and what users then see.</summary>
public sealed class ServerApiTests
{
    [Fact]
    public async Task ServerCreate_ReturnsTheSameConversation_ForTheSameKey_WhateverTheLaterBody()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();

        var created = await server.PostAsync("/api/server/conversations", """{"key":"order-123","participantIds":["alice","bob"],"title":"Order 123","roles":{"bob":"admin"}}""");
        var location = created.Headers.Location;
        var first = await ApiJson.ReadOkAsync(created, HttpStatusCode.Created);
        var again = await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", """{"key":"order-123","participantIds":["carol"]}"""));
        var other = await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", """{"key":"order-124","participantIds":["alice"]}"""), HttpStatusCode.Created);

        var id = first["id"]!.GetValue<string>();
        Assert.Equal(id, again["id"]!.GetValue<string>());
        Assert.NotEqual(id, other["id"]!.GetValue<string>());
        Assert.Equal($"/api/server/conversations/{id}", location?.OriginalString);
        Assert.Equal(("group", "#server", "order-123"), (first["kind"]!.GetValue<string>(), first["createdBy"]!.GetValue<string>(), first["key"]!.GetValue<string>()));
        Assert.Equal(["alice:member", "bob:admin"], first["participants"]!.AsArray().Select(p => $"{p!["userId"]}:{p["role"]}"));
        Assert.Equal(["alice", "bob"], again["participants"]!.AsArray().Select(p => p!["userId"]!.GetValue<string>()));
        Assert.Contains(host.State.Groups, g => g.ConversationId == id && g.UserId == "bob" && g.Join);
    }

    [Fact]
    public async Task Keys_OfTheDocumentedMaximumOf128Characters_AreAccepted_ByCreateListAndFind()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        using var alice = host.ClientFor(Alice);
        var key = new string('k', 128);

        var users = await ApiJson.ReadOkAsync(await alice.PostAsync("/api/conversations", $$"""{"participantIds":["bob","carol"],"key":"{{key}}"}"""), HttpStatusCode.Created);
        var listed = await ApiJson.ReadOkAsync(await alice.GetAsync("/api/conversations?key=" + key));
        var servers = await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", $$"""{"key":"{{key}}","participantIds":["alice"]}"""), HttpStatusCode.Created);
        var found = await ApiJson.ReadOkAsync(await server.GetAsync("/api/server/conversations?key=" + key));

        Assert.Equal(users["id"]!.GetValue<string>(), Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(servers["id"]!.GetValue<string>(), Assert.Single(found["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerCreate_DoesNotMeetAUsersKeyedConversation_WithTheSameKey()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        using var alice = host.ClientFor(Alice);

        var users = await ApiJson.ReadOkAsync(await alice.PostAsync("/api/conversations", """{"participantIds":["bob"],"key":"order-1"}"""), HttpStatusCode.Created);
        var servers = await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", """{"key":"order-1","participantIds":["alice","bob"]}"""), HttpStatusCode.Created);

        Assert.NotEqual(users["id"]!.GetValue<string>(), servers["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerCreate_LetsUsersFindTheirConversationByKey_AndTheServerFindItByKeyOrParticipant()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        using var bob = host.ClientFor(Bob);
        var id = (await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", """{"key":"order-9","participantIds":["alice","bob"]}"""),
            HttpStatusCode.Created))["id"]!.GetValue<string>();
        await ApiJson.ReadOkAsync(await server.PostAsync("/api/server/conversations", """{"key":"order-10","participantIds":["bob"]}"""), HttpStatusCode.Created);

        var byKey = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/conversations?key=order-9", UriKind.Relative)));
        var missing = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/conversations?key=order-0", UriKind.Relative)));
        var page1 = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/conversations?participant=bob&limit=1", UriKind.Relative)));
        var page2 = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri(
            "/api/server/conversations?participant=bob&limit=1&cursor=" + Uri.EscapeDataString(page1["nextCursor"]!.GetValue<string>()), UriKind.Relative)));
        var bobsList = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/conversations?key=order-9", UriKind.Relative)));

        Assert.Equal([id], byKey["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Empty(missing["items"]!.AsArray());
        Assert.Equal(2, page1["items"]!.AsArray().Count + page2["items"]!.AsArray().Count);
        Assert.True(page1["hasMore"]!.GetValue<bool>());
        Assert.False(page2["hasMore"]!.GetValue<bool>());
        Assert.Equal("bob", page1["items"]![0]!["participant"]!["userId"]!.GetValue<string>());
        Assert.Equal([id], bobsList["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ServerMessage_IsASystemMessageFromTheServer_IdempotentOnClientMessageId()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var server = host.ServerClient();
        using var bob = host.ClientFor(Bob);
        const string Body = """{"content":"Your order shipped","systemEvent":"order.shipped","metadata":{"orderId":"o-9"},"clientMessageId":"ship-1"}""";

        var first = await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{id}/messages", Body), HttpStatusCode.Created);
        var eventsAfterFirst = host.Events.Count;
        var before = host.Store.Snapshot();
        var retry = await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{id}/messages", Body));
        var history = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative)));

        Assert.Equal(first["id"]!.GetValue<string>(), retry["id"]!.GetValue<string>());
        Assert.Equal(before, host.Store.Snapshot());
        Assert.Equal(eventsAfterFirst, host.Events.Count);
        var shown = history["items"]!.AsArray()[^1]!;
        Assert.Equal(("system", "order.shipped", "#server", "System"),
            (shown["type"]!.GetValue<string>(), shown["systemEvent"]!.GetValue<string>(), shown["sender"]!["id"]!.GetValue<string>(),
             shown["sender"]!["displayName"]!.GetValue<string>()));
        Assert.Contains(host.Events, e => e.Target == EventTargets.MessageCreated && e.Audience.ConversationId == id);
        Assert.Equal(1, (await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative))))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task ServerMessage_IsAllowedInAClosedConversation_WhereUsersCannotSend()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var server = host.ServerClient();
        using var bob = host.ClientFor(Bob);
        await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{id}/close", "{}"));

        var userSend = await bob.PostAsync($"/api/conversations/{id}/messages", """{"content":"hi"}""");
        var serverSend = await server.PostAsync($"/api/server/conversations/{id}/messages", """{"content":"Order completed","clientMessageId":"done"}""");

        await ApiJson.ReadProblemAsync(userSend, HttpStatusCode.Conflict, "conversation.closed");
        await ApiJson.ReadOkAsync(serverSend, HttpStatusCode.Created);
    }

    [Fact]
    public async Task ServerModerationDelete_TombstonesAnyMessage_AsModerator_AndDeletesItsBlobs()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        var attachment = await UploadedAttachmentAsync(host, Bob, id);
        using var bob = host.ClientFor(Bob);
        var message = await ApiJson.ReadOkAsync(await bob.PostAsync($"/api/conversations/{id}/messages", $$"""{"attachmentIds":["{{attachment}}"]}"""), HttpStatusCode.Created);
        host.Clock.Advance(TimeSpan.FromDays(3));
        using var server = host.ServerClient();

        var deleted = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri($"/api/server/conversations/{id}/messages/{message["id"]}", UriKind.Relative)));
        var events = host.Events.Count;
        var again = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri($"/api/server/conversations/{id}/messages/{message["id"]}", UriKind.Relative)));

        Assert.Equal("moderator", deleted["deletedBy"]!.GetValue<string>());
        Assert.Null(deleted["content"]);
        Assert.Empty(deleted["attachments"]!.AsArray());
        Assert.Contains(host.Blobs.Deleted, b => b.Contains(attachment, StringComparison.Ordinal));
        Assert.Contains(host.Events, e => e.Target == EventTargets.MessageDeleted);
        Assert.Equal(events, host.Events.Count);
        Assert.Equal("moderator", again["deletedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerMembership_AddsRemovesChangesRolesAndRenames_AsAnOwner_WithSystemMessagesFromTheServer()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var server = host.ServerClient();
        using var bob = host.ClientFor(Bob);

        await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{id}/participants", """{"userIds":["dave"]}"""));
        await ApiJson.ReadOkAsync(await server.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/server/conversations/{id}/participants/carol")
            { Content = ApiJson.Body("""{"role":"admin"}""") }));
        var removed = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri($"/api/server/conversations/{id}/participants/alice", UriKind.Relative)));
        var renamed = await ApiJson.ReadOkAsync(await server.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/server/conversations/{id}")
            { Content = ApiJson.Body("""{"title":"Support"}""") }));
        var history = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative)));

        Assert.Equal(["bob", "carol", "dave"], removed["participants"]!.AsArray().Select(p => p!["userId"]!.GetValue<string>()));
        Assert.Equal("carol", removed["participants"]!.AsArray().Single(p => p!["role"]!.GetValue<string>() == "owner")!["userId"]!.GetValue<string>());
        Assert.Equal("Support", renamed["title"]!.GetValue<string>());
        var system = history["items"]!.AsArray().Where(m => m!["type"]!.GetValue<string>() == "system").ToList();
        Assert.Equal(["members.added", "member.role_changed", "member.removed", "member.owner_handed_over", "conversation.renamed"],
            system.Select(m => m!["systemEvent"]!.GetValue<string>()));
        Assert.All(system, m => Assert.Equal("#server", m!["sender"]!["id"]!.GetValue<string>()));
        Assert.Equal("#server", host.Store.StoredMember(id, "alice")!.RemovedBy);
    }

    [Fact]
    public async Task ServerLifecycle_ClosesAndReopens_AndRefusesADirectConversationLikeForOwners()
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        var direct = await CreateDirectAsync(host, Alice, Bob);
        using var server = host.ServerClient();

        var closed = await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{group}/close", "{}"));
        var reopened = await ApiJson.ReadOkAsync(await server.PostAsync($"/api/server/conversations/{group}/reopen", "{}"));
        var directClose = await server.PostAsync($"/api/server/conversations/{direct}/close", "{}");

        Assert.Equal("#server", closed["closedBy"]!.GetValue<string>());
        Assert.Null(reopened["closedAt"]);
        await ApiJson.ReadProblemAsync(directClose, HttpStatusCode.Conflict, "conversation.not_a_group");
    }

    [Fact]
    public async Task ServerReads_AnyConversationAndItsHistory_WithoutBeingAMember()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id, "hello bob");
        using var server = host.ServerClient();

        var conversation = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri($"/api/server/conversations/{id}", UriKind.Relative)));
        var history = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri($"/api/server/conversations/{id}/messages", UriKind.Relative)));
        var missing = await server.GetAsync(new Uri("/api/server/conversations/g_missing", UriKind.Relative));

        Assert.Equal(["alice", "bob"], conversation["participants"]!.AsArray().Select(p => p!["userId"]!.GetValue<string>()));
        var message = history["items"]!.AsArray().Single()!;
        Assert.Equal("hello bob", message["content"]!.GetValue<string>());
        Assert.Null(message["status"]);
        await ApiJson.ReadProblemAsync(missing, HttpStatusCode.NotFound, "conversation.not_found");
    }

    [Fact]
    public async Task ServerProfileUpsert_Answers201Then200_AndWritesNothingForTheSameProfile()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        const string Body = """{"displayName":"Bob Builder","avatarUrl":"https://cdn.test/bob.png","metadata":{"tier":"gold"},"inDirectory":true}""";

        var created = await server.PutAsync(new Uri("/api/server/users/bob", UriKind.Relative), ApiJson.Body(Body));
        var first = await ApiJson.ReadOkAsync(created, HttpStatusCode.Created);
        var before = host.Profiles.Snapshot();
        var same = await ApiJson.ReadOkAsync(await server.PutAsync(new Uri("/api/server/users/bob", UriKind.Relative), ApiJson.Body(Body)));
        var read = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/users/bob", UriKind.Relative)));

        Assert.Equal("/api/server/users/bob", created.Headers.Location?.OriginalString);
        Assert.Equal(before, host.Profiles.Snapshot());
        Assert.Equal((1L, 1L), (first["version"]!.GetValue<long>(), same["version"]!.GetValue<long>()));
        Assert.Equal(("Bob Builder", "gold", true), (read["displayName"]!.GetValue<string>(), read["metadata"]!["tier"]!.GetValue<string>(), read["inDirectory"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task ServerProfileUpsert_ReplacesEveryField_AndOmittedOnesAreCleared()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();
        await server.PutAsync(new Uri("/api/server/users/bob", UriKind.Relative),
            ApiJson.Body("""{"displayName":"Bob","avatarUrl":"https://cdn.test/bob.png","inDirectory":true}"""));

        var replaced = await ApiJson.ReadOkAsync(await server.PutAsync(new Uri("/api/server/users/bob", UriKind.Relative), ApiJson.Body("""{"displayName":"Robert"}""")));

        Assert.Equal(("Robert", 2L, false), (replaced["displayName"]!.GetValue<string>(), replaced["version"]!.GetValue<long>(), replaced["inDirectory"]!.GetValue<bool>()));
        Assert.Null(replaced["avatarUrl"]);
    }

    [Fact]
    public async Task ServerProfile_OfAUserWithoutOne_Answers404()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();

        await ApiJson.ReadProblemAsync(await server.GetAsync(new Uri("/api/server/users/nobody", UriKind.Relative)), HttpStatusCode.NotFound, "user.not_found");
    }

    [Fact]
    public async Task ServerProfileUpsert_TakesUserIdsWithPipesAndAts()
    {
        await using var host = await ChatApiHost.StartAsync();
        using var server = host.ServerClient();

        var created = await server.PutAsync(new Uri("/api/server/users/auth0%7C123@x", UriKind.Relative), ApiJson.Body("""{"displayName":"Zed"}"""));

        Assert.Equal("auth0|123@x", (await ApiJson.ReadOkAsync(created, HttpStatusCode.Created))["userId"]!.GetValue<string>());
        Assert.Equal("/api/server/users/auth0%7C123%40x", created.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ServerErase_Answers202WhileItRuns_AndTheRequestOnlyStartsIt()
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        await SendTextAsync(host, Bob, group, "mine");
        using var server = host.ServerClient();

        var first = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri("/api/server/users/bob", UriKind.Relative)), HttpStatusCode.Accepted);
        var again = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri("/api/server/users/bob", UriKind.Relative)), HttpStatusCode.Accepted);

        Assert.Equal(("running", "settle", 1L), (first["status"]!.GetValue<string>(), first["phase"]!.GetValue<string>(), first["messagesErased"]!.GetValue<long>()));
        Assert.Equal(first["pass"]!.GetValue<int>(), again["pass"]!.GetValue<int>());
    }

    [Fact]
    public async Task ServerErase_Answers200OnceComplete_AndPublishesWhatItDid()
    {
        await using var host = await ChatApiHost.StartAsync(new Dictionary<string, string?> { ["Chat:Server:ErasureSettleDelay"] = "00:00:00" });
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        await SendTextAsync(host, Bob, group, "mine");
        await PutProfileAsync(host, "bob", """{"displayName":"Bob","inDirectory":true}""");
        using var server = host.ServerClient();

        var done = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri("/api/server/users/bob", UriKind.Relative)));
        var status = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/users/bob/erasure", UriKind.Relative)));
        var export = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri("/api/server/users/bob/export", UriKind.Relative)));
        var next = await ApiJson.ReadOkAsync(await server.DeleteAsync(new Uri("/api/server/users/bob", UriKind.Relative)));

        Assert.Equal(("completed", 1L, 1L), (done["status"]!.GetValue<string>(), done["messagesErased"]!.GetValue<long>(), done["conversationsLeft"]!.GetValue<long>()));
        Assert.Equal(done.ToJsonString(), status.ToJsonString());
        Assert.Equal((2, 0L), (next["pass"]!.GetValue<int>(), next["messagesErased"]!.GetValue<long>()));
        Assert.Contains(host.Events, e => e.Target == EventTargets.MessageDeleted && e.Audience.ConversationId == group);
        Assert.Contains(host.State.Groups, g => g.ConversationId == group && g.UserId == "bob" && !g.Join);
        Assert.Equal(["erasure"], export["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()));
        await ApiJson.ReadProblemAsync(await host.ClientFor(Alice).GetAsync(new Uri("/api/users/bob", UriKind.Relative)), HttpStatusCode.NotFound, "user.not_found");
    }

    [Fact]
    public async Task ServerExport_ReturnsTheUsersDocuments_PageByPage()
    {
        await using var host = await ChatApiHost.StartAsync();
        var group = await CreateGroupAsync(host, Alice, Bob, Carol);
        await SendTextAsync(host, Bob, group, "one");
        await SendTextAsync(host, Bob, group, "two");
        using var server = host.ServerClient();

        var kinds = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ApiJson.ReadOkAsync(await server.GetAsync(new Uri(
                "/api/server/users/bob/export?limit=1" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), UriKind.Relative)));
            kinds.AddRange(page["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()));
            cursor = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
        }
        while (cursor is not null);

        Assert.Equal(2, kinds.Count(k => k == "message"));
        Assert.Contains("member", kinds);
        Assert.Contains("conversationRef", kinds);
        Assert.Contains("userConversation", kinds);
    }

    internal static async Task<JsonNode> PutProfileAsync(ChatApiHost host, string userId, string body)
    {
        using var server = host.ServerClient();
        var response = await server.PutAsync(new Uri($"/api/server/users/{Uri.EscapeDataString(userId)}", UriKind.Relative), ApiJson.Body(body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync(response))!;
    }
}
