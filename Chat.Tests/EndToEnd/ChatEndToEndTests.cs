using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Shared.Realtime;
using Chat.Tests.Storage.Blobs;

namespace Chat.Tests.EndToEnd;

/// <summary>
/// A running app (the Functions host on the local stack, or a deployment) driven over real HTTP by two users, each
/// with a real SignalR client connected through <c>/api/negotiate</c>. Runs when <see cref="EndToEndSettings"/> are
/// configured; otherwise every test is skipped with the reason. Every run uses fresh user ids.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the users through IAsyncLifetime.DisposeAsync.")]
public sealed class ChatEndToEndTests : IAsyncLifetime
{
    private EndToEndUser _alice = null!;
    private EndToEndUser _bob = null!;
    private EndToEndSettings _settings = null!;

    public async Task InitializeAsync()
    {
        if (EndToEndSettings.SkipReason is not null)
        {
            return;
        }

        _settings = EndToEndSettings.Load();
        var run = Guid.NewGuid().ToString("N")[..12];
        _alice = new EndToEndUser(_settings, $"e2e-{run}-alice", "Alice (e2e)");
        _bob = new EndToEndUser(_settings, $"e2e-{run}-bob", "Bob (e2e)");
        await _alice.ConnectAsync();
        await _bob.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_alice is not null)
        {
            await _alice.DisposeAsync();
        }

        if (_bob is not null)
        {
            await _bob.DisposeAsync();
        }
    }

    [EndToEndFact]
    public async Task Send_MessageCreatedArrivesAtTheOtherParticipant_EndToEnd()
    {
        var conversationId = await CreateDirectAsync();

        var sent = await SendTextAsync(conversationId, "hello from the end-to-end suite");
        var received = await _bob.WaitForAsync(EventTargets.MessageCreated, e => IdOf(e) == Id(sent));

        Assert.Equal(conversationId, received.GetProperty("conversationId").GetString());
        Assert.Equal("hello from the end-to-end suite", received.GetProperty("content").GetString());
        Assert.Equal(_alice.Id, received.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(sent["sequence"]!.GetValue<long>(), received.GetProperty("sequence").GetInt64());
    }

    [EndToEndFact]
    public async Task Typing_TheTimersIsTypingFalseArrives_AfterTheStateExpires_EndToEnd()
    {
        var conversationId = await CreateDirectAsync();

        // Only true is ever posted: the false can come from nothing but the typing sweep timer.
        await _alice.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/typing", new { isTyping = true }, HttpStatusCode.OK);
        var started = await _bob.WaitForAsync(EventTargets.Typing, e => IsTypingEvent(e, conversationId, _alice.Id, typing: true));
        var stopped = await _bob.WaitForAsync(EventTargets.Typing, e => IsTypingEvent(e, conversationId, _alice.Id, typing: false), _settings.TypingTimeout);

        Assert.True(started.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.False(stopped.GetProperty("isTyping").GetBoolean());
    }

    [EndToEndFact]
    public async Task Attachment_UploadWithTheSasUrl_ThenTheOtherParticipantDownloadsIt_EndToEnd()
    {
        var conversationId = await CreateDirectAsync();
        var bytes = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a }.Concat(RandomNumberGenerator.GetBytes(4096)).ToArray();

        var upload = await _alice.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/attachments",
            new { fileName = "e2e.png", contentType = "image/png", sizeBytes = bytes.Length }, HttpStatusCode.Created);
        var attachmentId = upload["attachmentId"]!.GetValue<string>();
        var requiredHeaders = upload["requiredHeaders"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>());
        using var put = await SasRequests.PutAsync(new Uri(upload["uploadUrl"]!.GetValue<string>()), requiredHeaders, bytes);
        var sent = await _alice.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/messages",
            new { type = "image", attachmentIds = new[] { attachmentId } }, HttpStatusCode.Created);
        var received = await _bob.WaitForAsync(EventTargets.MessageCreated, e => IdOf(e) == Id(sent));
        var download = await _bob.GetAsync($"conversations/{conversationId}/attachments/{attachmentId}");
        using var file = await SasRequests.GetAsync(new Uri(download["url"]!.GetValue<string>()));

        Assert.Equal(upload["uploadMethod"]!.GetValue<string>(), HttpMethod.Put.Method);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(attachmentId, received.GetProperty("attachments")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(new MediaTypeHeaderValue("image/png"), file.Content.Headers.ContentType);
    }

    [EndToEndFact]
    public async Task Reconnect_SyncAndChangesReturnEverythingThatChangedWhileDisconnected_EndToEnd()
    {
        var conversationId = await CreateDirectAsync();
        var before = await SendTextAsync(conversationId, "before the disconnect");
        await _bob.WaitForAsync(EventTargets.MessageCreated, e => IdOf(e) == Id(before));
        var changesToken = (await _bob.GetAsync($"conversations/{conversationId}/changes"))["token"]!.GetValue<string>();
        var syncToken = (await _bob.GetAsync("sync"))["token"]!.GetValue<string>();

        await _bob.DisconnectAsync();
        var away1 = await SendTextAsync(conversationId, "while Bob was away (1)");
        var away2 = await SendTextAsync(conversationId, "while Bob was away (2)");
        await _alice.SendAsync(HttpMethod.Patch, $"conversations/{conversationId}/messages/{Id(before)}", new { content = "edited while Bob was away" }, HttpStatusCode.OK);
        await _alice.SendAsync(HttpMethod.Delete, $"conversations/{conversationId}/messages/{Id(away1)}", null, HttpStatusCode.OK);
        await _bob.ConnectAsync();

        // sync follows the change feed (seconds): poll it as a client would on reconnect, until it names the conversation.
        var named = await PollAsync(async () =>
            (await _bob.GetAsync($"sync?since={Uri.EscapeDataString(syncToken)}"))["items"]!.AsArray().Any(i => Id(i!) == conversationId));
        var changes = await _bob.GetAsync($"conversations/{conversationId}/changes?since={Uri.EscapeDataString(changesToken)}");
        var after = await SendTextAsync(conversationId, "after the reconnect");
        var live = await _bob.WaitForAsync(EventTargets.MessageCreated, e => IdOf(e) == Id(after));

        Assert.True(named, "sync did not name the conversation within the wait");
        var messages = changes["items"]!.AsArray().Where(c => c!["type"]!.GetValue<string>() == "message").Select(c => c!["message"]!).ToList();
        // Each changed message once, in its current state (changes lists them in change order; compare by sequence).
        Assert.Equal([Id(before), Id(away1), Id(away2)], messages.OrderBy(m => m["sequence"]!.GetValue<long>()).Select(Id));
        Assert.Equal("edited while Bob was away", messages.Single(m => Id(m) == Id(before))["content"]!.GetValue<string>());
        Assert.NotNull(messages.Single(m => Id(m) == Id(away1))["deletedAt"]?.GetValue<DateTimeOffset>());
        Assert.Equal("while Bob was away (2)", messages.Single(m => Id(m) == Id(away2))["content"]!.GetValue<string>());
        Assert.False(changes["hasMore"]!.GetValue<bool>());
        Assert.Equal("after the reconnect", live.GetProperty("content").GetString());
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return false;
    }

    /// <summary>
    /// The SignalR Service upstream, the connection triggers and the presence sweep together: the other participant hears
    /// Alice go offline (after the offline grace) and come online again, and GET /api/presence agrees.
    /// </summary>
    [EndToEndFact]
    public async Task Presence_TheOtherParticipantHearsOfflineAndOnline_AndPresenceAgrees_EndToEnd()
    {
        var conversationId = await CreateDirectAsync();
        await WaitUntilListedAsync(_alice, conversationId);

        await _alice.DisconnectAsync();
        var offline = await _bob.WaitForAsync(EventTargets.PresenceChanged, e => IsPresenceOf(e, _alice.Id, online: false), _settings.PresenceTimeout);
        await _alice.ConnectAsync();
        var online = await _bob.WaitForAsync(EventTargets.PresenceChanged, e => IsPresenceOf(e, _alice.Id, online: true));
        var asked = await _bob.GetAsync($"presence?userIds={_alice.Id}");

        Assert.True(offline.GetProperty("lastSeenAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.True(online.GetProperty("version").GetInt64() > offline.GetProperty("version").GetInt64());
        Assert.True(asked["items"]![0]!["online"]!.GetValue<bool>());
    }

    /// <summary>Presence reaches a user's conversations through their list, which the change feed writes a moment after a create.</summary>
    private static async Task WaitUntilListedAsync(EndToEndUser user, string conversationId)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var list = await user.GetAsync("conversations");
            if (list["items"]!.AsArray().Any(item => item!["id"]!.GetValue<string>() == conversationId))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"{conversationId} did not appear in {user.Id}'s list.");
    }

    private static bool IsPresenceOf(JsonElement e, string userId, bool online) =>
        e.GetProperty("userId").GetString() == userId && e.GetProperty("online").GetBoolean() == online;

    private async Task<string> CreateDirectAsync()
    {
        var conversation = await _alice.SendAsync(HttpMethod.Post, "conversations", new { participantIds = new[] { _bob.Id } }, HttpStatusCode.Created);
        return Id(conversation);
    }

    private Task<JsonNode> SendTextAsync(string conversationId, string content) =>
        _alice.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/messages",
            new { clientMessageId = Guid.NewGuid().ToString("N"), content }, HttpStatusCode.Created);

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string? IdOf(JsonElement e) => e.TryGetProperty("id", out var id) ? id.GetString() : null;

    private static bool IsTypingEvent(JsonElement e, string conversationId, string userId, bool typing) =>
        e.GetProperty("conversationId").GetString() == conversationId
        && e.GetProperty("userId").GetString() == userId
        && e.GetProperty("isTyping").GetBoolean() == typing;
}
