using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;
using Chat.Tests.Http;
using Xunit.Abstractions;

namespace Chat.Tests.Sync;

/// <summary>
/// The model-based replica test. Several devices per user keep local replicas of their conversations; a random mix
/// of sends (some replies), edits, deletes, read and delivery receipts, typing, reactions, members added, removed and
/// leaving (and added back), renames, close and reopen, mute and archive runs through the real handlers over HTTP; devices apply the realtime events while online, randomly go offline, lose events while online, and come back
/// with <c>sync</c> (and the <c>changes</c> of the conversations it names) only. At the end every device catches up
/// once more and must show every message and its own unread count exactly as the server does; after opening each
/// conversation (its <c>changes</c>, as a screen showing it does) it must also show every member's positions exactly.
/// A failing run prints its seed; <c>REPLICA_SEED</c> runs one seed alone.
/// </summary>
public class ReplicaTests(ITestOutputHelper output)
{
    private const int Runs = 200;
    private const int StepsPerRun = 60;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("REPLICA_SEED"), out var one))
        {
            data.Add(one);
            return data;
        }

        for (var batch = 0; batch < Runs / 20; batch++)
        {
            data.Add(batch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Replica_EveryDeviceEndsWithTheServersState_AfterRandomOperationsLostEventsAndReconnects(int batch)
    {
        var seeds = Environment.GetEnvironmentVariable("REPLICA_SEED") is not null ? [batch] : Enumerable.Range(batch * 20, 20);
        foreach (var seed in seeds)
        {
            try
            {
                await RunAsync(seed);
            }
            catch (Exception e)
            {
                output.WriteLine($"Replica run failed with seed {seed} (rerun it alone with REPLICA_SEED={seed}).");
                throw new InvalidOperationException($"Replica run with seed {seed} failed: {e.Message}", e);
            }
        }
    }

    private static async Task RunAsync(int seed)
    {
        var random = new Random(seed);
        await using var host = await ChatApiHost.StartAsync();
        var users = Enumerable.Range(0, 4).Select(i => new ChatUser($"u{i}", $"User {i}")).ToList();
        var devices = users.SelectMany(u => Enumerable.Range(0, random.Next(1, 3)).Select(d => new ReplicaClient(host, u, $"{u.Id}/device{d}"))).ToList();
        var world = new World(host, devices);

        var direct = await world.CreateAsync(users[0], [users[1].Id]);
        var group = await world.CreateAsync(users[1], [users[0].Id, users[2].Id, users[3].Id]);
        foreach (var device in devices)
        {
            await device.CatchUpAsync();
        }

        // The group's owner (users[1]) stays; the others are removed, leave and are added back along the way.
        var owner = users[1];
        var groupMembers = users.ToList();
        var closed = false;
        var conversations = new[] { (Id: direct, Members: users.Take(2).ToList()), (Id: group, Members: groupMembers) };
        var sent = new List<(string Conversation, string Id, ChatUser Sender, DateTimeOffset At)>();
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        for (var step = 0; step < StepsPerRun; step++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(random.Next(1, 20)));
            var (conversation, members) = conversations[random.Next(conversations.Length)];
            var actor = members[random.Next(members.Count)];
            var open = conversation != group || !closed;
            var outsiders = users.Where(u => !groupMembers.Contains(u)).ToList();
            var others = groupMembers.Where(u => u != owner).ToList();
            var reactable = sent.Where(x => x.Conversation == conversation && !deleted.Contains(x.Id)).Select(x => x.Id).ToList();
            if (conversation == group && random.Next(100) < 25)
            {
                // Membership, lifecycle, reactions and own settings.
                switch (random.Next(7))
                {
                    case 0 when outsiders.Count > 0:
                        var joining = outsiders[random.Next(outsiders.Count)];
                        await world.SendAsync(owner, $"/api/conversations/{group}/participants",
                            new JsonObject { ["userIds"] = new JsonArray(JsonValue.Create(joining.Id)) }, HttpStatusCode.OK);
                        groupMembers.Add(joining);
                        break;
                    case 1 when others.Count > 1:
                        var removed = others[random.Next(others.Count)];
                        await world.SendAsync(owner, $"/api/conversations/{group}/participants/{removed.Id}", null, HttpStatusCode.OK, HttpMethod.Delete);
                        groupMembers.Remove(removed);
                        break;
                    case 2 when others.Count > 1:
                        var leaving = others[random.Next(others.Count)];
                        await world.SendAsync(leaving, $"/api/conversations/{group}/participants/{leaving.Id}", null, HttpStatusCode.NoContent, HttpMethod.Delete);
                        groupMembers.Remove(leaving);
                        break;
                    case 3:
                        await world.SendAsync(owner, $"/api/conversations/{group}", new JsonObject { ["title"] = $"title {step}" }, HttpStatusCode.OK, HttpMethod.Patch);
                        break;
                    case 4:
                        await world.SendAsync(owner, $"/api/conversations/{group}/{(closed ? "reopen" : "close")}", new JsonObject(), HttpStatusCode.OK);
                        closed = !closed;
                        break;
                    case 5 when open && reactable.Count > 0:
                        var target = reactable[random.Next(reactable.Count)];
                        var reaction = random.Next(2) == 0 ? "%F0%9F%91%8D" : "%F0%9F%94%A5";
                        await world.SendAsync(actor, $"/api/conversations/{group}/messages/{target}/reactions/{reaction}", null, HttpStatusCode.OK,
                            random.Next(3) == 0 ? HttpMethod.Delete : HttpMethod.Put);
                        break;
                    default:
                        var settings = random.Next(2) == 0 ? new JsonObject { ["archived"] = random.Next(2) == 0 } : new JsonObject { ["muted"] = random.Next(2) == 0 };
                        await world.SendAsync(actor, $"/api/conversations/{group}/me", settings, HttpStatusCode.OK, HttpMethod.Put);
                        break;
                }

                await world.DeliverAsync(random);
                continue;
            }

            if (!open)
            {
                // A closed group takes reads and receipts only.
                await world.SendAsync(actor, $"/api/conversations/{conversation}/read", new JsonObject(), HttpStatusCode.OK);
                await world.DeliverAsync(random);
                continue;
            }

            // Own messages still within the edit window and not deleted: the only ones a client offers to change.
            var own = sent.Where(s => s.Conversation == conversation && s.Sender == actor && !deleted.Contains(s.Id)
                && host.Clock.GetUtcNow() - s.At < TimeSpan.FromMinutes(14)).Select(s => s.Id).ToList();
            var any = sent.Where(s => s.Conversation == conversation).Select(s => s.Id).ToList();
            switch (random.Next(100))
            {
                case < 35:
                    var replyTo = any.Count > 0 && random.Next(3) == 0 ? any[random.Next(any.Count)] : null;
                    var body = new JsonObject { ["clientMessageId"] = $"s{seed}-{step}", ["content"] = $"message {step} " + new string('x', random.Next(0, 150)) };
                    if (replyTo is not null)
                    {
                        body["replyToId"] = replyTo;
                    }

                    var message = await world.SendAsync(actor, $"/api/conversations/{conversation}/messages", body, HttpStatusCode.Created);
                    sent.Add((conversation, message!["id"]!.GetValue<string>(), actor, host.Clock.GetUtcNow()));
                    if (random.Next(5) == 0)
                    {
                        // A retry of the same send (lost answer): creates nothing.
                        await world.SendAsync(actor, $"/api/conversations/{conversation}/messages", body, HttpStatusCode.OK);
                    }

                    break;
                case < 45 when own.Count > 0:
                    await world.SendAsync(actor, $"/api/conversations/{conversation}/messages/{own[random.Next(own.Count)]}",
                        new JsonObject { ["content"] = $"edited at {step}" }, HttpStatusCode.OK, HttpMethod.Patch);
                    break;
                case < 50 when own.Count > 0:
                    var victim = own[random.Next(own.Count)];
                    await world.SendAsync(actor, $"/api/conversations/{conversation}/messages/{victim}", null, HttpStatusCode.OK, HttpMethod.Delete);
                    deleted.Add(victim);
                    break;
                case < 65:
                    var readUpTo = any.Count > 0 && random.Next(2) == 0 ? new JsonObject { ["messageId"] = any[random.Next(any.Count)] } : new JsonObject();
                    await world.SendAsync(actor, $"/api/conversations/{conversation}/read", readUpTo, HttpStatusCode.OK);
                    break;
                case < 80 when any.Count > 0:
                    await world.SendAsync(actor, $"/api/conversations/{conversation}/delivered",
                        new JsonObject { ["messageId"] = any[random.Next(any.Count)] }, HttpStatusCode.OK);
                    break;
                case < 85:
                    await world.SendAsync(actor, $"/api/conversations/{conversation}/typing", new JsonObject { ["isTyping"] = random.Next(2) == 0 }, HttpStatusCode.OK);
                    break;
                default:
                    var device = devices[random.Next(devices.Count)];
                    if (device.Online && random.Next(2) == 0)
                    {
                        device.Online = false;
                    }
                    else if (device.Online && device.Conversations.Count > 0)
                    {
                        await device.CatchUpConversationAsync(device.Conversations.Keys.ElementAt(random.Next(device.Conversations.Count)));
                    }
                    else
                    {
                        await device.CatchUpAsync();
                    }

                    break;
            }

            await world.DeliverAsync(random);
        }

        // Every device comes back once more; then each must show exactly what the server shows its user.
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        foreach (var device in devices)
        {
            await device.CatchUpAsync();
        }

        foreach (var device in devices)
        {
            Assert.Equal(await ServerViewAsync(host, device.User, positions: false), device.Describe(positions: false));
        }

        foreach (var device in devices)
        {
            await device.OpenAllAsync();
            Assert.Equal(await ServerViewAsync(host, device.User, positions: true), device.Describe(positions: true));
        }
    }

    /// <summary>What the server shows a user: every conversation's full history, members' positions and unread count.</summary>
    private static async Task<string> ServerViewAsync(ChatApiHost host, ChatUser user, bool positions)
    {
        using var client = host.ClientFor(user);
        var inbox = (await GetAsync(client, "/api/conversations?limit=100"))["items"]!.AsArray();
        var archived = (await GetAsync(client, "/api/conversations?limit=100&archived=true"))["items"]!.AsArray();
        var views = new List<string>();
        foreach (var item in inbox.Concat(archived).OrderBy(i => i!["id"]!.GetValue<string>(), StringComparer.Ordinal))
        {
            var id = item!["id"]!.GetValue<string>();
            var replica = new ReplicaConversation(id);
            var conversation = await GetAsync(client, $"/api/conversations/{id}");
            replica.ApplyParticipants(conversation["participants"]!.AsArray());
            var history = await GetAsync(client, $"/api/conversations/{id}/messages?limit=100&after=0");
            foreach (var message in history["items"]!.AsArray())
            {
                replica.SetMessage(message!);
            }

            var view = replica.Describe(user.Id, positions);
            var listed = $"{id} unread={item["unreadCount"]!.GetValue<long>()}";
            var got = $"{id} unread={conversation["unreadCount"]!.GetValue<long>()}";
            Assert.Equal(listed, got);
            Assert.StartsWith(listed + "\n", view + "\n", StringComparison.Ordinal);
            views.Add(view);
        }

        return string.Join("\n", views);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The server, the devices and a SignalR Service that delivers each event to the online devices of its audience.</summary>
    private sealed class World(ChatApiHost host, List<ReplicaClient> devices)
    {
        private readonly Dictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);

        public async Task<string> CreateAsync(ChatUser creator, string[] participantIds)
        {
            var created = await SendAsync(creator, "/api/conversations", new JsonObject { ["participantIds"] = new JsonArray([.. participantIds.Select(p => JsonValue.Create(p))]) },
                HttpStatusCode.Created);
            return created!["id"]!.GetValue<string>();
        }

        public async Task<JsonNode?> SendAsync(ChatUser user, string path, JsonNode? body, HttpStatusCode expected, HttpMethod? method = null)
        {
            using var request = new HttpRequestMessage(method ?? (body is null ? HttpMethod.Delete : HttpMethod.Post), new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = ApiJson.Body(body.ToJsonString());
            }

            var response = await devices.First(d => d.User == user).Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method ?? HttpMethod.Post} {path} by {user.Id} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }

        /// <summary>Delivers the events recorded since the last call, in order; an online device loses one now and then.</summary>
        public async Task DeliverAsync(Random random)
        {
            while (host.State.Groups.TryDequeue(out var change))
            {
                var members = _groups.TryGetValue(change.GroupName, out var set) ? set : _groups[change.GroupName] = new(StringComparer.Ordinal);
                _ = change.Join ? members.Add(change.UserId) : members.Remove(change.UserId);
            }

            while (host.Events.TryDequeue(out var e))
            {
                var users = e.Audience.GroupName is { } group ? _groups.GetValueOrDefault(group) ?? [] : [e.Audience.UserId!];
                foreach (var device in devices.Where(d => d.Online && users.Contains(d.User.Id)))
                {
                    if (random.Next(10) > 0)
                    {
                        await device.ApplyAsync(e);
                    }
                }
            }
        }
    }
}
