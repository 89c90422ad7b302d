using System.Net;
using Chat.Shared.Contracts;
using Chat.Shared.Realtime;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

public sealed class ReceiptsAndTypingApiTests
{
    [Fact]
    public async Task MarkRead_MovesToLatestAndClearsUnread_WhenBodyIsEmpty()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        await SendTextAsync(host, Alice, id);
        await SendTextAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);

        var response = await bob.PostAsync(new Uri($"/api/conversations/{id}/read", UriKind.Relative), content: null);

        var body = await ApiJson.ReadOkAsync(response);
        Assert.Equal(2, body["readSequence"]!.GetValue<long>());
        var unread = await ApiJson.ReadOkAsync(await bob.GetAsync(new Uri("/api/unread", UriKind.Relative)));
        Assert.Equal(0, unread["total"]!.GetValue<long>());
        var read = host.Events.Where(e => e.Target == EventTargets.MessagesRead).ToList();
        Assert.Equal([EventAudience.Conversation(id)], read.Select(e => e.Audience).ToArray());
        Assert.Equal(2, Assert.IsType<MessagesReadEvent>(read[0].Payload).Sequence);
    }

    [Fact]
    public async Task MarkRead_MovesToGivenMessageOnly_WhenMessageIdIsSent()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var first = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        await SendTextAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync($"/api/conversations/{id}/read", $$"""{"messageId":"{{first}}"}"""));

        Assert.Equal(1, body["readSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task MarkRead_IsNoOpWithoutEvents_WhenPositionIsOlder()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var first = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        await SendTextAsync(host, Alice, id);
        using var bob = host.ClientFor(Bob);
        await bob.PostAsync($"/api/conversations/{id}/read", "{}");
        var events = host.Events.Count;

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync($"/api/conversations/{id}/read", $$"""{"messageId":"{{first}}"}"""));

        Assert.Equal(2, body["readSequence"]!.GetValue<long>());
        Assert.Equal(events, host.Events.Count);
    }

    [Fact]
    public async Task MarkDelivered_AdvancesDeliveryAndSendsEvents_WhenMessageIdIsSent()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        var messageId = (await SendTextAsync(host, Alice, id))["id"]!.GetValue<string>();
        using var bob = host.ClientFor(Bob);

        var body = await ApiJson.ReadOkAsync(await bob.PostAsync($"/api/conversations/{id}/delivered", $$"""{"messageId":"{{messageId}}"}"""));

        Assert.Equal(1, body["deliveredSequence"]!.GetValue<long>());
        Assert.Equal(0, body["readSequence"]!.GetValue<long>());
        Assert.Equal(1, host.Events.Count(e => e.Target == EventTargets.MessagesDelivered));
        using var alice = host.ClientFor(Alice);
        var history = await ApiJson.ReadOkAsync(await alice.GetAsync(new Uri($"/api/conversations/{id}/messages", UriKind.Relative)));
        Assert.Equal("delivered", history["items"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetTyping_SendsTypingToTheConversationGroup_WhenTypingStarts()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateGroupAsync(host, Alice, Bob, Carol);
        using var alice = host.ClientFor(Alice);

        var body = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}"""));

        Assert.True(body["isTyping"]!.GetValue<bool>());
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(10), body["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal([EventAudience.Conversation(id)], host.Events.Where(e => e.Target == EventTargets.Typing).Select(e => e.Audience).ToArray());
        Assert.Equal(1, host.Typing.Count);
    }

    [Fact]
    public async Task SetTyping_EndsTheStateAndAnnouncesTheStop_WhenTypingStops()
    {
        await using var host = await ChatApiHost.StartAsync();
        var id = await CreateDirectAsync(host, Alice, Bob);
        using var alice = host.ClientFor(Alice);
        await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":true}""");
        host.Clock.Advance(TimeSpan.FromSeconds(2));

        var body = await ApiJson.ReadOkAsync(await alice.PostAsync($"/api/conversations/{id}/typing", """{"isTyping":false}"""));

        Assert.False(body["isTyping"]!.GetValue<bool>());
        Assert.Equal(0, host.Typing.ShownCount);
        var stop = Assert.IsType<TypingEvent>(host.Events.Last().Payload);
        Assert.False(stop.IsTyping);
        Assert.Equal(EventAudience.Conversation(id), host.Events.Last().Audience);
    }
}
