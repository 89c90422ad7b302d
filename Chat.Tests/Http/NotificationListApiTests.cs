using System.Net;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// The notification list an app builds on <c>GET /api/unread</c>, <c>sync</c> and <c>chat.notification.due</c>, and its
/// mark-all-read: <c>POST /api/read-all</c>.
/// </summary>
public sealed class NotificationListApiTests
{
    [Fact]
    public async Task NotificationList_ReadAll_MarksEveryUnreadConversationRead_MutedOnesToo()
    {
        await using var host = await ChatApiHost.StartAsync();
        var direct = await CreateDirectAsync(host, Alice, Bob);
        var group = await CreateGroupAsync(host, Carol, Bob, Alice);
        await SendTextAsync(host, Alice, direct);
        await SendTextAsync(host, Alice, direct);
        await SendTextAsync(host, Carol, group);
        using var bob = host.ClientFor(Bob);
        await ApiJson.ReadOkAsync(await bob.PutAsync(new Uri($"/api/conversations/{group}/me", UriKind.Relative), ApiJson.Body("""{"muted":true}""")));
        var events = host.Events.Count;

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync(new Uri("/api/read-all", UriKind.Relative), content: null));

        var marked = body["conversations"]!.AsArray().Select(c => (c!["conversationId"]!.GetValue<string>(), c["readSequence"]!.GetValue<long>())).ToList();
        Assert.Equal(new[] { (direct, 2L), (group, 1L) }.OrderBy(m => m.Item1, StringComparer.Ordinal), marked);
        var unread = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        Assert.Equal(0, unread["total"]!.GetValue<long>());
        Assert.Empty(unread["conversations"]!.AsArray());
        var read = host.Events.Skip(events).Where(e => e.Target == EventTargets.MessagesRead).ToList();
        Assert.Equal(2, read.Count);
        Assert.Contains(read, e => e.Audience == EventAudience.Conversation(direct));
        Assert.Contains(read, e => e.Audience == EventAudience.Conversation(group));
        Assert.All(read, e => Assert.Equal("bob", Assert.IsType<MessagesReadEvent>(e.Payload).UserId));
    }

    [Fact]
    public async Task NotificationList_ReadAll_TouchesOnlyTheCallersOwnConversations_NeverOnesTheyLeft()
    {
        await using var host = await ChatApiHost.StartAsync();
        var shared = await CreateGroupAsync(host, Alice, Bob, Carol);
        var left = await CreateGroupAsync(host, Alice, Bob, Mallory);
        await SendTextAsync(host, Alice, shared);
        await SendTextAsync(host, Alice, left);
        using var bob = host.ClientFor(Bob);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync(new Uri($"/api/conversations/{left}/participants/bob", UriKind.Relative))).StatusCode);
        await SendTextAsync(host, Alice, left);
        using var carol = host.ClientFor(Carol);
        var carolBefore = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        var leftBefore = (await host.Store.GetStateAsync(left, CancellationToken.None))!.FindMember("bob")!;

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync(new Uri("/api/read-all", UriKind.Relative), content: null));

        Assert.Equal([shared], body["conversations"]!.AsArray().Select(c => c!["conversationId"]!.GetValue<string>()));
        var carolAfter = await ApiJson.ReadOkAsync(await carol.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        Assert.Equal(carolBefore.ToJsonString(), carolAfter.ToJsonString());
        Assert.Equal(1, carolAfter["total"]!.GetValue<long>());
        var leftAfter = (await host.Store.GetStateAsync(left, CancellationToken.None))!.FindMember("bob")!;
        Assert.Equal(leftBefore, leftAfter);
        Assert.True(leftAfter.ReadSequence < (await host.Store.GetStateAsync(left, CancellationToken.None))!.Conversation.LastSequence);
    }

    [Fact]
    public async Task NotificationList_ReadAll_WithNothingUnread_ChangesNothing_AndSendsNothing()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id);
        using var mallory = host.ClientFor(Mallory);
        var snapshot = host.Store.Snapshot();
        var events = host.Events.Count;

        var body = await ApiJson.ReadOkAsync(await mallory.PostAsync(new Uri("/api/read-all", UriKind.Relative), content: null));

        Assert.Empty(body["conversations"]!.AsArray());
        Assert.Equal(snapshot, host.Store.Snapshot());
        Assert.Equal(events, host.Events.Count);
    }

    [Fact]
    public async Task NotificationList_ReadAll_MarksWhatTheListShowed_NotAMessageItDoesNotShowYet()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id);
        host.State.ProjectAfterEachRequest = false;
        await SendTextAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync(new Uri("/api/read-all", UriKind.Relative), content: null));

        Assert.Equal(1, body["conversations"]![0]!["readSequence"]!.GetValue<long>());
        host.State.ProjectAfterEachRequest = true;
        var unread = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        Assert.Equal(1, unread["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task NotificationList_ReadAll_WithoutAToken_Is401()
    {
        await using var host = await ChatApiHost.StartAsync();
        var response = await host.Client.PostAsync(new Uri("/api/read-all", UriKind.Relative), content: null);

        await ApiJson.ReadProblemAsync(response, HttpStatusCode.Unauthorized, "auth.missing_token");
    }
}
