using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Tests.Http;

namespace Chat.Tests.Sync;

/// <summary>
/// A client device as a real app would write one: it keeps a local replica of its user's conversations, applies
/// realtime events while it is online, and on reconnecting catches up with <c>sync</c> and <c>changes</c> only. The
/// rules it applies are the ones docs/api.md gives clients (sending counts as reading, reading counts as delivery,
/// reply previews follow their target, a deleted message is a tombstone, a conversation the user left is dropped).
/// </summary>
public sealed class ReplicaClient(ChatApiHost host, ChatUser user, string name)
{
    private readonly HttpClient _http = host.ClientFor(user);
    private string? _syncToken;

    public ChatUser User { get; } = user;

    public string Name { get; } = name;

    public bool Online { get; set; } = true;

    public Dictionary<string, ReplicaConversation> Conversations { get; } = new(StringComparer.Ordinal);

    public HttpClient Http => _http;

    /// <summary>Comes online (again): one <c>sync</c>, then <c>changes</c> of every conversation it names, or a first load of a new one.</summary>
    public async Task CatchUpAsync()
    {
        Online = true;
        if (_syncToken is null)
        {
            // A fresh device: a sync token first, then the list; anything the list misses comes with the next sync.
            _syncToken = (await GetAsync("/api/sync"))["token"]!.GetValue<string>();
            foreach (var folder in new[] { "", "&archived=true" })
            {
                var list = await GetAsync("/api/conversations?limit=100" + folder);
                foreach (var item in list["items"]!.AsArray())
                {
                    await CatchUpConversationAsync(item!["id"]!.GetValue<string>());
                }
            }

            return;
        }

        var hasMore = true;
        while (hasMore)
        {
            var page = await GetAsync($"/api/sync?since={Uri.EscapeDataString(_syncToken)}&limit=2");
            foreach (var item in page["items"]!.AsArray())
            {
                // A conversation the user left (or was removed from) is gone from this device; any other is caught up.
                if (item!["state"]!.GetValue<string>() == "left")
                {
                    Conversations.Remove(item["id"]!.GetValue<string>());
                    continue;
                }

                await CatchUpConversationAsync(item["id"]!.GetValue<string>());
            }

            _syncToken = page["token"]!.GetValue<string>();
            hasMore = page["hasMore"]!.GetValue<bool>();
        }
    }

    /// <summary>A conversation it knows: its changes since the token. A new one: a token for now, then its whole history.</summary>
    public async Task CatchUpConversationAsync(string conversationId)
    {
        if (!Conversations.TryGetValue(conversationId, out var replica))
        {
            replica = new ReplicaConversation(conversationId);
            if (await GetOrNotFoundAsync($"/api/conversations/{conversationId}/changes") is not { } start)
            {
                return;
            }

            replica.ApplyParticipants(start["participants"]!.AsArray());
            replica.ChangesToken = start["token"]!.GetValue<string>();
            string? before = null;
            do
            {
                var page = await GetAsync($"/api/conversations/{conversationId}/messages?limit=7" + (before is null ? "" : $"&before={before}"));
                foreach (var message in page["items"]!.AsArray())
                {
                    replica.ApplyMessage(message!, fromChanges: true);
                }

                before = page["hasMore"]!.GetValue<bool>() ? page["nextCursor"]!.GetValue<string>() : null;
            }
            while (before is not null);

            Conversations[conversationId] = replica;
        }

        var hasMore = true;
        while (hasMore)
        {
            // 404: the user is no longer a member (they left or were removed and missed the event): drop it.
            if (await GetOrNotFoundAsync($"/api/conversations/{conversationId}/changes?since={Uri.EscapeDataString(replica.ChangesToken!)}&limit=3") is not { } page)
            {
                Conversations.Remove(conversationId);
                return;
            }

            foreach (var change in page["items"]!.AsArray())
            {
                if (change!["type"]!.GetValue<string>() == "message")
                {
                    replica.ApplyMessage(change["message"]!, fromChanges: true);
                }
            }

            replica.ApplyParticipants(page["participants"]!.AsArray());
            replica.ChangesToken = page["token"]!.GetValue<string>();
            hasMore = page["hasMore"]!.GetValue<bool>();
        }
    }

    /// <summary>A realtime event that reached this device.</summary>
    public async Task ApplyAsync(RealtimeEvent e)
    {
        var payload = JsonNode.Parse(e.PayloadJson().GetRawText())!;
        if (e.Target == EventTargets.ConversationUpdated)
        {
            var id = payload["id"]!.GetValue<string>();
            if (payload["state"]!.GetValue<string>() == "left")
            {
                Conversations.Remove(id);
            }
            else if (!Conversations.ContainsKey(id))
            {
                await CatchUpConversationAsync(id);
            }

            return;
        }

        var conversationId = payload["conversationId"]!.GetValue<string>();
        if (!Conversations.TryGetValue(conversationId, out var replica))
        {
            return;
        }

        if (e.Target == EventTargets.ParticipantsChanged)
        {
            if (payload["removed"]!.AsArray().Any(r => r!.GetValue<string>() == User.Id))
            {
                Conversations.Remove(conversationId);
            }

            return;
        }

        switch (e.Target)
        {
            case EventTargets.MessageCreated or EventTargets.MessageUpdated:
                replica.ApplyMessage(payload, fromChanges: false);
                break;
            case EventTargets.MessageDeleted:
                replica.ApplyDeleted(payload["messageId"]!.GetValue<string>(), payload["deletedAt"]!.GetValue<DateTimeOffset>());
                break;
            case EventTargets.MessagesRead:
                replica.MoveRead(payload["userId"]!.GetValue<string>(), payload["sequence"]!.GetValue<long>());
                break;
            case EventTargets.MessagesDelivered:
                replica.MoveDelivered(payload["userId"]!.GetValue<string>(), payload["sequence"]!.GetValue<long>());
                break;
        }
    }

    /// <summary>What this device shows: every conversation's messages, the user's unread count and, when asked, every member's positions.</summary>
    public string Describe(bool positions) =>
        string.Join("\n", Conversations.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Describe(User.Id, positions)));

    /// <summary>Opens every conversation it has (as a screen showing it would): its changes since the token.</summary>
    public async Task OpenAllAsync()
    {
        foreach (var id in Conversations.Keys.ToList())
        {
            await CatchUpConversationAsync(id);
        }
    }

    private async Task<JsonNode?> GetOrNotFoundAsync(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            Assert.Equal("conversation.not_found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}: GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Name}: GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}

/// <summary>One conversation as a device keeps it.</summary>
public sealed class ReplicaConversation(string id)
{
    public string Id { get; } = id;

    public string? ChangesToken { get; set; }

    public Dictionary<string, ReplicaMessage> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (long Read, long Delivered)> Positions { get; } = new(StringComparer.Ordinal);

    public long LastSequence => Messages.Count == 0 ? 0 : Messages.Values.Max(m => m.Sequence);

    public void ApplyMessage(JsonNode node, bool fromChanges)
    {
        var message = ReplicaMessage.From(node);
        ApplyMessageState(message);
        if (!fromChanges)
        {
            // Sending counts as reading (and reading as delivery) for the sender.
            MoveRead(message.SenderId, message.Sequence);
        }
    }

    /// <summary>Stores the message exactly as the server returned it (the server's own view, for comparison).</summary>
    public void SetMessage(JsonNode node)
    {
        var message = ReplicaMessage.From(node);
        Messages[message.Id] = message;
    }

    public void ApplyDeleted(string messageId, DateTimeOffset deletedAt)
    {
        if (Messages.TryGetValue(messageId, out var message))
        {
            ApplyMessageState(message with { Content = null, ReplyToId = null, ReplyPreview = null, Metadata = "{}", DeletedAt = deletedAt, Reactions = "[]" });
        }
    }

    public void ApplyParticipants(JsonArray participants)
    {
        Positions.Clear();
        foreach (var p in participants)
        {
            Positions[p!["userId"]!.GetValue<string>()] = (p["readSequence"]!.GetValue<long>(), p["deliveredSequence"]!.GetValue<long>());
        }
    }

    public void MoveRead(string userId, long sequence)
    {
        var (read, delivered) = Positions.GetValueOrDefault(userId);
        Positions[userId] = (Math.Max(read, sequence), Math.Max(delivered, sequence));
    }

    public void MoveDelivered(string userId, long sequence)
    {
        var (read, delivered) = Positions.GetValueOrDefault(userId);
        Positions[userId] = (read, Math.Max(delivered, sequence));
    }

    public string Describe(string me, bool positions)
    {
        var myRead = Positions.GetValueOrDefault(me).Read;
        var shown = positions ? Positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"  position {p.Key} {p.Value.Read}/{p.Value.Delivered}") : [];
        return $"{Id} unread={Math.Max(0, LastSequence - myRead)}\n"
            + string.Join("", shown.Select(line => line + "\n"))
            + string.Join("\n", Messages.Values.OrderBy(m => m.Sequence).Select(m => "  " + m));
    }

    /// <summary>Stores the message; replies show their target's current text, none once it was deleted.</summary>
    private void ApplyMessageState(ReplicaMessage message)
    {
        Messages[message.Id] = message;
        foreach (var reply in Messages.Values.Where(m => m.ReplyToId == message.Id).ToList())
        {
            Messages[reply.Id] = reply with { ReplyPreview = message.DeletedAt is null ? TextPreview.Of(message.Content) : null };
        }
    }
}

/// <summary>What a device shows of one message.</summary>
public sealed record ReplicaMessage(
    string Id,
    long Sequence,
    string SenderId,
    string Type,
    string? Content,
    string? ReplyToId,
    string? ReplyPreview,
    string Metadata,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    string Reactions)
{
    public static ReplicaMessage From(JsonNode m) => new(
        m["id"]!.GetValue<string>(),
        m["sequence"]!.GetValue<long>(),
        m["sender"]!["id"]!.GetValue<string>(),
        m["type"]!.GetValue<string>(),
        m["content"]?.GetValue<string>(),
        m["replyTo"]?["id"]?.GetValue<string>(),
        m["replyTo"]?["preview"]?.GetValue<string>(),
        m["metadata"]!.ToJsonString(),
        m["editedAt"]?.GetValue<DateTimeOffset>(),
        m["deletedAt"]?.GetValue<DateTimeOffset>(),
        m["reactions"]!.ToJsonString());
}
