using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Chat.Shared.Application;
using Chat.Shared.Http;
using Chat.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Seeded random requests over every route of the route table: mostly valid requests from the principal the route is
/// for (so state grows and the deep paths run), with one or two fields of the body or query mutated into another
/// type, a boundary value, a hostile string or nothing, multipart sends with their bytes mutated, and now and then
/// the wrong principal, a broken body or a junk id; between requests the clock moves, devices connect and disconnect
/// and the timers run. Whatever arrives, the API never answers 5xx (nor does a timer throw), every 4xx is a
/// problem with a code, a refused request changes nothing (store, profiles, blobs, typing, presence, event states) and
/// publishes nothing, and at the end every conversation's history is gap-free up to its last sequence. A failure
/// prints the seed and the request.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int RequestsPerRun = 2500;

    private static readonly string[] Users = ["alice", "bob", "carol", "mallory", "dave", "erin"];

    /// <summary>A valid body per route that takes one; <c>{user}</c> and <c>{message}</c> are filled in per request.</summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["CreateConversation"] = """{"participantIds":["{user}","{user}"],"title":"Team","metadata":{"order":"7"},"key":"k-{n}"}""",
        ["SendMessage"] = """{"content":"hi {n}","clientMessageId":"c-{n}","replyToId":"{message}","metadata":{"a":"b"}}""",
        ["EditMessage"] = """{"content":"edited {n}","metadata":{"a":"c"}}""",
        ["MarkRead"] = """{"messageId":"{message}"}""",
        ["MarkDelivered"] = """{"messageId":"{message}"}""",
        ["MarkAllRead"] = "{}",
        ["SetTyping"] = """{"isTyping":true}""",
        ["ReserveAttachment"] = """{"fileName":"a.png","contentType":"image/png","sizeBytes":1234}""",
        ["UpdateConversation"] = """{"title":"Renamed {n}","metadata":{"order":"8"}}""",
        ["AddParticipants"] = """{"userIds":["{user}"]}""",
        ["ChangeRole"] = """{"role":"admin"}""",
        ["UpdateMe"] = """{"muted":true,"archived":false}""",
        ["ServerUpsertProfile"] = """{"displayName":"User {n}","avatarUrl":"https://cdn.example.com/{n}.png","metadata":{"tier":"gold"},"inDirectory":true}""",
        ["ServerCreateConversation"] = """{"key":"order-{n}","participantIds":["{user}","{user}"],"title":"Order","metadata":{"orderId":"{n}"},"roles":{"{user}":"admin"}}""",
        ["ServerUpdateConversation"] = """{"title":"Order {n}","metadata":{"orderId":"x"}}""",
        ["ServerPostMessage"] = """{"content":"Shipped {n}","clientMessageId":"s-{n}","systemEvent":"order.shipped","metadata":{"t":"1"}}""",
        ["ServerAddParticipants"] = """{"userIds":["{user}"]}""",
        ["ServerChangeRole"] = """{"role":"owner"}""",
    };

    /// <summary>Valid query parameters per route that reads some.</summary>
    private static readonly Dictionary<string, string[]> Queries = new(StringComparer.Ordinal)
    {
        ["ListConversations"] = ["limit", "cursor", "archived", "key", "metadata.order"],
        ["GetMessages"] = ["limit", "before", "after"],
        ["ServerGetMessages"] = ["limit", "before", "after"],
        ["GetChanges"] = ["since", "limit"],
        ["Sync"] = ["since", "limit"],
        ["GetPresence"] = ["userIds"],
        ["GetUsers"] = ["ids", "prefix", "cursor", "limit"],
        ["ServerFindConversations"] = ["key", "participant", "cursor", "limit"],
        ["ServerExportUser"] = ["cursor", "limit"],
        ["GetAttachment"] = ["redirect"],
    };

    private static readonly string[] Hostile =
    [
        "", " ", "..", "a/b", new('x', 300), "\u00e9\ud83d\ude00", "\u202e", "<script>", "\t", "null", "-1", "0", "1e400",
        "99999999999999999999", "member:alice", "00000000-0000-0000-0000-000000000000", "%", "\\", "'", "\"",
    ];

    /// <summary>The hostile strings that can stand as a path segment or a JSON property name.</summary>
    private static readonly string[] HostileNames = [.. Hostile.Where(h => h.Length > 0)];

    public static TheoryData<int> Seeds => new(1, 2, 3, 4);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzz_RandomRequestsOnEveryRoute_Never5xx_RefusedChangeNothing_HistoryStaysGapFree(int seed) =>
        await RunAsync(seed, batch: 1);

    /// <summary>
    /// The same requests sixteen at a time with store latency injected: ordinary concurrency never answers 5xx (no
    /// <c>store.concurrency_exhausted</c>), and histories stay gap-free. Whether a refused request changed nothing is
    /// only checked one at a time, where "before" means something.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzz_Contention_SixteenRandomRequestsAtATime_Never5xx_HistoryStaysGapFree(int seed) =>
        await RunAsync(seed + 100, batch: 16);

    private async Task RunAsync(int seed, int batch)
    {
        await using var host = await ChatApiHost.StartAsync();
        var world = await World.ArrangeAsync(host);
        if (batch > 1)
        {
            host.Store.Latency = _ => Task.Delay(Random.Shared.Next(0, 3));
        }

        var random = new Random(seed);
        var failures = new List<string>();
        var statuses = ChatApi.Routes.ToDictionary(r => r.Name, _ => new SortedDictionary<int, int>(), StringComparer.Ordinal);

        for (var n = 0; n < RequestsPerRun && failures.Count < 20; n += batch)
        {
            // Requests are made one by one from the seed, then sent together; what they teach is learned after.
            var calls = Enumerable.Range(n, batch).Select(i =>
            {
                var route = PickRoute(random);
                var (request, description, insider) = world.Request(random, route, i);
                return (Route: route, Request: request, Description: $"seed {seed} #{i}: {description}", Client: world.Caller(random, route, insider));
            }).ToList();

            // Now and then time passes, a connection opens or closes, or a timer runs: before the request when they go
            // one at a time (so "before" is after it), alongside them when they go together.
            (string Name, Func<Task> Run)? background = random.Next(batch == 1 ? 12 : 2) == 0 ? world.Background(random) : null;
            if (batch == 1 && background is not null)
            {
                failures.AddRange((await RunBackgroundAsync(background.Value)).Select(f => $"seed {seed} #{n}: {f}"));
            }

            var before = batch == 1 ? State(host) : null;
            var sent = Task.WhenAll(calls.Select(call => SendAsync(call.Client, call.Request)));
            if (batch > 1 && background is not null)
            {
                failures.AddRange((await RunBackgroundAsync(background.Value)).Select(f => $"seed {seed} #{n}: {f}"));
            }

            var answers = await sent;
            foreach (var (call, (status, text, error)) in calls.Zip(answers))
            {
                call.Request.Dispose();
                if (error is not null)
                {
                    failures.Add($"{call.Description} {error}");
                    continue;
                }

                statuses[call.Route.Name][status] = statuses[call.Route.Name].GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    failures.Add($"{call.Description} -> {status}: {Cut(text)}");
                }
                else if (status >= 400 && before is not null && State(host) != before)
                {
                    failures.Add($"{call.Description} -> {status} {Code(text)}, and the state changed");
                }
                else if (status < 300)
                {
                    world.Learn(text);
                }
            }
        }

        host.Store.Latency = null;
        foreach (var (name, counts) in statuses)
        {
            output.WriteLine($"{name}: {string.Join(" ", counts.Select(c => $"{c.Key}×{c.Value}"))}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await world.AssertHistoriesGapFreeAsync();

        // The run reached the routes' success paths, not only their refusals (a fuzzer that only ever hits 400 proves little).
        var succeeded = statuses.Count(s => s.Value.Keys.Any(code => code < 300));
        Assert.True(succeeded >= ChatApi.Routes.Count * 8 / 10,
            $"Only {succeeded} of {ChatApi.Routes.Count} routes answered 2xx: {string.Join(", ", statuses.Where(s => !s.Value.Keys.Any(c => c < 300)).Select(s => s.Key))}");
    }

    private static async Task<IReadOnlyList<string>> RunBackgroundAsync((string Name, Func<Task> Run) step)
    {
        try
        {
            await step.Run();
            return [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [$"{step.Name} threw {e.GetType().Name}: {Cut(e.Message)}"];
        }
    }

    /// <summary>Status and body of one call; an error when it threw or a 4xx is not a problem with a code.</summary>
    private static async Task<(int Status, string Text, string? Error)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && Code(text) is not null;
            return status is >= 400 and < 500 && !problem
                ? (status, text, $"-> {status} is not a problem with a code: {Cut(text)}")
                : (status, text, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (0, string.Empty, $"threw {e.GetType().Name}: {Cut(e.Message)}");
        }
    }

    /// <summary>Any route, erasure a fifth as often as the others (an erased user is gone from every conversation).</summary>
    private static ChatApiRoute PickRoute(Random random)
    {
        while (true)
        {
            var route = Pick(random, ChatApi.Routes);
            if (route.Name != "ServerEraseUser" || random.Next(5) == 0)
            {
                return route;
            }
        }
    }

    private static string State(ChatApiHost host) =>
        string.Join('\n', host.Store.Snapshot(), host.Profiles.Snapshot(), host.Blobs.Snapshot(), host.Typing.Snapshot(),
            host.Presence.Snapshot(), host.State.EventStates.Snapshot(), host.Events.Count.ToString(CultureInfo.InvariantCulture));

    private static string? Code(string text) => Text(Parse(text)?["code"]);

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The node's value when it is a JSON string.</summary>
    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : null;

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>The ids the run knows (arranged first, then learned from 2xx answers) and how requests are made of them.</summary>
    private sealed class World
    {
        private readonly ChatApiHost _host;
        private readonly Dictionary<string, HttpClient> _users;
        private readonly List<HttpClient> _userClients;
        private readonly HttpClient _server;
        private readonly FakeConnectionDirectory _connections = new();
        private readonly List<string> _conversations = [];
        private readonly List<(string Conversation, string Message, string Sender)> _messages = [];
        private readonly Dictionary<string, string[]> _members = new(StringComparer.Ordinal);
        private readonly List<string> _attachments = [];
        private readonly List<string> _tokens = [];
        private readonly List<string> _cursors = [];

        private World(ChatApiHost host)
        {
            _host = host;
            _users = Users.ToDictionary(u => u, u => host.ClientFor(new(u, char.ToUpperInvariant(u[0]) + u[1..])), StringComparer.Ordinal);
            _userClients = [.. _users.Values];
            _server = host.ServerClient();
        }

        public static async Task<World> ArrangeAsync(ChatApiHost host)
        {
            var world = new World(host);
            var direct = await CreateDirectAsync(host, Alice, Bob);
            var group = await CreateGroupAsync(host, Alice, Bob, Carol);
            world._conversations.AddRange([direct, group]);
            world._members[direct] = ["alice", "bob"];
            world._members[group] = ["alice", "bob", "carol"];
            world._messages.Add((direct, (await SendTextAsync(host, Bob, direct))["id"]!.GetValue<string>(), "bob"));
            world._messages.Add((group, (await SendTextAsync(host, Alice, group))["id"]!.GetValue<string>(), "alice"));
            world._attachments.Add(await UploadedAttachmentAsync(host, Alice, group));
            return world;
        }

        /// <summary>
        /// Something that happens between requests: the clock moves (past the typing expiry, the edit window, the
        /// upload URL's life, the sync retention), a device connects or disconnects (the SignalR upstream events), or
        /// one of the timers runs (typing, abandoned uploads, presence leases, erasures).
        /// </summary>
        public (string Name, Func<Task> Run) Background(Random random)
        {
            var (name, run) = BackgroundStep(random);

            // The change feed runs after it, as it does after every request of the test host.
            return (name, async () =>
            {
                await run();
                await _host.State.ProjectAsync(_host.Services.GetRequiredService<ConversationListProjector>());
            });
        }

        private (string Name, Func<Task> Run) BackgroundStep(Random random)
        {
            var services = _host.Services;
            var user = Pick(random, Users);
            var connection = $"{user}-device-{random.Next(3)}";
            switch (random.Next(7))
            {
                case 0:
                    var step = Pick(random, [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(11), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(16), TimeSpan.FromHours(3), TimeSpan.FromDays(2)]);
                    return ($"clock +{step}", () =>
                    {
                        _host.Clock.Advance(step);
                        return Task.CompletedTask;
                    });
                case 1:
                    return ($"{connection} connected", async () =>
                    {
                        _connections.Open(connection);
                        await services.GetRequiredService<PresenceService>().OnConnectedAsync(user, connection, CancellationToken.None);
                    });
                case 2:
                    return ($"{connection} disconnected", async () =>
                    {
                        _connections.Close(connection);
                        await services.GetRequiredService<PresenceService>().DisconnectedAsync(user, connection, CancellationToken.None);
                    });
                case 3:
                    return ("typing sweep", () => services.GetRequiredService<TypingSweeper>().RunAsync(new StatePublisher(_host.State), CancellationToken.None));
                case 4:
                    return ("upload sweep", () => services.GetRequiredService<AbandonedUploadSweeper>().RunAsync(CancellationToken.None));
                case 5:
                    return ("presence sweep", () => services.GetRequiredService<PresenceSweeper>().RunAsync(_connections, CancellationToken.None));
                default:
                    return ("erasure sweep", () => services.GetRequiredService<ErasureSweeper>().RunAsync(new StatePublisher(_host.State), CancellationToken.None));
            }
        }

        /// <summary>Mostly the principal the route is for; for a user route often <paramref name="insider"/> (the message's sender or a member).</summary>
        public HttpClient Caller(Random random, ChatApiRoute route, string insider)
        {
            var server = route.Template.StartsWith("server/", StringComparison.Ordinal);
            return random.Next(10) switch
            {
                0 => _host.Client,
                1 => server ? Pick(random, _userClients) : _server,
                < 6 when !server => _users[insider],
                _ => server ? _server : Pick(random, _userClients),
            };
        }

        public (HttpRequestMessage Request, string Description, string Insider) Request(Random random, ChatApiRoute route, int n)
        {
            var (conversation, message, insider) = Pick(random, _messages);
            if (random.Next(3) == 0)
            {
                conversation = Pick(random, _conversations);
                insider = _members.TryGetValue(conversation, out var members) && members.Length > 0 ? Pick(random, members) : Pick(random, Users);
            }

            var path = "/api/" + route.Template
                .Replace("{conversationId}", Segment(random, conversation), StringComparison.Ordinal)
                .Replace("{messageId}", Segment(random, message), StringComparison.Ordinal)
                .Replace("{attachmentId}", Segment(random, Pick(random, _attachments)), StringComparison.Ordinal)
                .Replace("{userId}", Segment(random, Pick(random, Users)), StringComparison.Ordinal)
                .Replace("{reaction}", Segment(random, Pick(random, ["👍", "❤️", "😂", "like"])), StringComparison.Ordinal);
            path += Query(random, route.Name);

            var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
            if (route.Name == "SendMessage" && random.Next(4) == 0)
            {
                var (form, summary) = Multipart(random, n);
                request.Content = form;
                return (request, $"{route.Method} {path} multipart {summary}", insider);
            }

            var body = Body(random, route.Name, n);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(random.Next(25) == 0 ? "text/plain" : "application/json");
            }

            return (request, $"{route.Method} {path} {body}", insider);
        }

        /// <summary>Remembers the ids and tokens a 2xx answer carries, so later requests can use them.</summary>
        public void Learn(string text)
        {
            foreach (var item in Nodes(Parse(text)))
            {
                var id = Text(item["id"]);
                if (id is not null && Text(item["conversationId"]) is { } conversation && item["sequence"] is not null)
                {
                    var sender = Text(item["sender"]?["id"]);
                    _messages.Add((conversation, id, sender is not null && Users.Contains(sender) ? sender : "alice"));
                }
                else if (id is not null && item["participants"] is JsonArray participants)
                {
                    // A conversation (an attachment has an id and a kind too, but no participants).
                    _conversations.Add(id);
                    _members[id] = participants.Select(p => Text(p?["userId"])).OfType<string>().Where(Users.Contains).ToArray();
                }

                foreach (var (name, list) in new[] { ("attachmentId", _attachments), ("token", _tokens), ("nextCursor", _cursors) })
                {
                    if (Text(item[name]) is { } value)
                    {
                        list.Add(value);
                    }
                }
            }

            Trim(_messages);
            Trim(_conversations);
            Trim(_attachments);
            Trim(_tokens);
            Trim(_cursors);
        }

        /// <summary>Every conversation's history, read by the server principal, holds each sequence from 1 to its last exactly once.</summary>
        public async Task AssertHistoriesGapFreeAsync()
        {
            foreach (var id in _conversations.Distinct(StringComparer.Ordinal))
            {
                using var head = await _server.GetAsync(new Uri($"/api/server/conversations/{id}", UriKind.Relative));
                var last = (await ApiJson.ReadOkAsync(head))["lastSequence"]!.GetValue<long>();
                var sequences = new List<long>();
                string? before = null;
                do
                {
                    // Pages go back in time: nextCursor names the page before, null at the start.
                    var query = before is null ? "?limit=100" : $"?limit=100&before={Uri.EscapeDataString(before)}";
                    using var response = await _server.GetAsync(new Uri($"/api/server/conversations/{id}/messages{query}", UriKind.Relative));
                    var page = await ApiJson.ReadOkAsync(response);
                    sequences.AddRange(page["items"]!.AsArray().Select(m => m!["sequence"]!.GetValue<long>()));
                    before = page["nextCursor"]?.GetValue<string>();
                }
                while (before is not null);

                sequences.Sort();
                Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), sequences);
            }
        }

        private string Query(Random random, string route)
        {
            if (!Queries.TryGetValue(route, out var names) || random.Next(3) == 0)
            {
                return random.Next(8) == 0 ? $"?{Pick(random, ["limit", "since", "x", "metadata."])}={Uri.EscapeDataString(Pick(random, Hostile))}" : string.Empty;
            }

            var parts = new List<string>();
            foreach (var name in names.Where(_ => random.Next(3) == 0))
            {
                var value = random.Next(6) == 0 ? Pick(random, Hostile) : name switch
                {
                    "limit" => random.Next(1, 60).ToString(CultureInfo.InvariantCulture),
                    "since" => _tokens.Count == 0 || random.Next(4) == 0 ? "" : Pick(random, _tokens),
                    "cursor" => _cursors.Count == 0 ? "" : Pick(random, _cursors),
                    "before" or "after" => random.Next(0, 30).ToString(CultureInfo.InvariantCulture),
                    "archived" or "redirect" => Pick(random, ["true", "false"]),
                    "ids" or "userIds" => string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Users))),
                    "prefix" => Pick(random, ["a", "U", "Us", "b"]),
                    "participant" => Pick(random, Users),
                    "key" => $"order-{random.Next(50)}",
                    _ => random.Next(10).ToString(CultureInfo.InvariantCulture),
                };
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }

            return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
        }

        private string? Body(Random random, string route, int n)
        {
            if (!Bodies.TryGetValue(route, out var template))
            {
                return random.Next(10) == 0 ? Pick(random, ["{}", "{\"x\":1}", "null"]) : null;
            }

            var text = template.Replace("{n}", (n % 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{message}", Pick(random, _messages).Message, StringComparison.Ordinal);
            while (text.Contains("{user}", StringComparison.Ordinal))
            {
                var at = text.IndexOf("{user}", StringComparison.Ordinal);
                text = string.Concat(text.AsSpan(0, at), Pick(random, Users), text.AsSpan(at + "{user}".Length));
            }

            switch (random.Next(10))
            {
                case < 5:
                    return text;
                case 5:
                    return Pick(random, ["", "null", "[]", "\"x\"", "1", "{", "{\"a\":", "{\"content\":\"\\ud800\"}", "{\"content\":\"a\",\"content\":\"b\"}"]);
                default:
                    var body = JsonNode.Parse(text)!.AsObject();
                    for (var mutations = random.Next(1, 3); mutations > 0; mutations--)
                    {
                        Mutate(random, body);
                    }

                    return body.ToJsonString();
            }
        }

        /// <summary>
        /// A multipart send (text fields and one file), as is or with its bytes mutated: a byte changed, a range cut out
        /// or repeated, the end cut off, a boundary line inserted, or the boundary left out of the content type.
        /// </summary>
        private static (HttpContent Content, string Summary) Multipart(Random random, int n)
        {
            var fileType = random.Next(2) == 0 ? "image/png" : Pick(random, ["application/pdf", "text/plain", "image/svg+xml", ""]);
            var file = new byte[Pick(random, [0, 1, 100, 5_000, 5_000])];
            random.NextBytes(file);
            var bytes = new List<byte>();
            void Text(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text));
            foreach (var (name, value) in new[] { ("content", $"photo {n}"), ("clientMessageId", $"mp-{n % 40}"), ("type", fileType == "image/png" ? "image" : Pick(random, ["file", "text", "image"])) }
                .Where(_ => random.Next(4) != 0))
            {
                Text($"--fz\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
            }

            Text($"--fz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Pick(random, ["a.png", "../../a.pdf", "é.txt", "a\\b.svg"])}\"\r\n");
            Text(fileType.Length == 0 ? "\r\n" : $"Content-Type: {fileType}\r\n\r\n");
            bytes.AddRange(file);
            Text("\r\n--fz--\r\n");

            var mutations = new List<string>();
            for (var count = random.Next(2) == 0 ? 0 : random.Next(1, 4); count > 0; count--)
            {
                var at = random.Next(bytes.Count);
                var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                switch (random.Next(5))
                {
                    case 0:
                        bytes[at] = (byte)random.Next(256);
                        mutations.Add($"byte {at}");
                        break;
                    case 1:
                        bytes.RemoveRange(at, length);
                        mutations.Add($"cut {at}+{length}");
                        break;
                    case 2:
                        bytes.InsertRange(at, bytes.GetRange(at, length));
                        mutations.Add($"repeat {at}+{length}");
                        break;
                    case 3:
                        bytes.RemoveRange(at, bytes.Count - at);
                        mutations.Add($"end at {at}");
                        break;
                    default:
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes("\r\n--fz\r\n"));
                        mutations.Add($"boundary at {at}");
                        break;
                }
            }

            var content = new ByteArrayContent(bytes.ToArray());
            var boundary = random.Next(12) != 0;
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(boundary ? "multipart/form-data; boundary=fz" : "multipart/form-data");
            return (content, $"{fileType} {file.Length} B{(boundary ? "" : " no boundary")} {string.Join(", ", mutations)}");
        }

        private static void Mutate(Random random, JsonObject body)
        {
            var names = body.Select(p => p.Key).ToList();
            if (names.Count == 0 || random.Next(6) == 0)
            {
                body[Pick(random, ["unknown", "id", "sequence", "sender", "type", "muted", "role"])] = Value(random, 0);
                return;
            }

            var name = Pick(random, names);
            if (random.Next(5) == 0)
            {
                body.Remove(name);
            }
            else if (body[name] is JsonObject inner && inner.Count > 0 && random.Next(2) == 0)
            {
                inner[inner.First().Key] = Value(random, 1);
            }
            else if (body[name] is JsonArray && random.Next(2) == 0)
            {
                var grown = new JsonArray();
                foreach (var _ in Enumerable.Range(0, Pick(random, [0, 1, 2, 51, 300])))
                {
                    grown.Add(random.Next(3) == 0 ? Value(random, 1) : JsonValue.Create(Pick(random, Users)));
                }

                body[name] = grown;
            }
            else
            {
                body[name] = Value(random, 0);
            }
        }

        private static JsonNode? Value(Random random, int depth) => random.Next(depth > 1 ? 10 : 13) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(-3, 3)),
            2 => JsonValue.Create(long.MaxValue),
            3 => JsonValue.Create(1.5e300),
            4 => JsonValue.Create(random.Next(2) == 0),
            5 => JsonValue.Create(new string('a', Pick(random, [1, 64, 65, 200, 4001, 70_000]))),
            6 => JsonValue.Create(Pick(random, Hostile)),
            7 => JsonValue.Create(Pick(random, ["owner", "admin", "member", "text", "system", "image", "2026-12-04T10:00:00Z"])),
            8 => JsonValue.Create(Pick(random, Users)),
            9 => JsonValue.Create(-0.5),
            10 => new JsonArray(Value(random, depth + 1), Value(random, depth + 1)),
            11 => new JsonObject { [Pick(random, HostileNames)] = Value(random, depth + 1) },
            _ => new JsonObject(),
        };

        /// <summary>A path segment: mostly the id, sometimes junk, always escaped.</summary>
        private static string Segment(Random random, string id) =>
            Uri.EscapeDataString(random.Next(12) == 0 ? Pick(random, HostileNames) : id);

        private static IEnumerable<JsonObject> Nodes(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    yield return obj;
                    foreach (var child in obj.Select(p => p.Value).SelectMany(Nodes))
                    {
                        yield return child;
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array.SelectMany(Nodes))
                    {
                        yield return child;
                    }

                    break;
            }
        }

        private static void Trim<T>(List<T> list)
        {
            if (list.Count > 200)
            {
                list.RemoveRange(0, list.Count - 200);
            }
        }
    }
}
