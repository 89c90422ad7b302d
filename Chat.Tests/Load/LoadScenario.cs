using System.Globalization;
using System.Net;
using Chat.Shared.Domain;
using Chat.Tests.Http;

namespace Chat.Tests.Load;

/// <summary>
/// 32 users on one <see cref="ChatApiHost"/> (in-process test server: no network), either all in one group or in a
/// ring of direct conversations (user i with user i+1), each with a <see cref="LoadClient"/>. After a run it checks
/// the end state against what the clients were told, through the store and through the API.
/// </summary>
public sealed class LoadScenario : IAsyncDisposable
{
    public const int Clients = 32;

    private readonly List<HttpClient> _http = [];

    private LoadScenario(ChatApiHost host) => Host = host;

    public ChatApiHost Host { get; }

    public List<LoadClient> LoadClients { get; } = [];

    public Dictionary<string, List<ChatUser>> Participants { get; } = [];

    public static ChatUser UserAt(int i) => new($"user{i.ToString("00", CultureInfo.InvariantCulture)}", $"User {i}");

    public static async Task<LoadScenario> OneGroupAsync()
    {
        var scenario = new LoadScenario(await ChatApiHost.StartAsync());
        var users = Enumerable.Range(0, Clients).Select(UserAt).ToList();
        var id = await ApiScenario.CreateGroupAsync(scenario.Host, users[0], users.Skip(1).ToArray());
        scenario.Participants[id] = users;
        scenario.AddClients(users, _ => [id]);
        return scenario;
    }

    public static async Task<LoadScenario> RingOfDirectsAsync()
    {
        var scenario = new LoadScenario(await ChatApiHost.StartAsync());
        var users = Enumerable.Range(0, Clients).Select(UserAt).ToList();
        var ring = new string[Clients];
        for (var i = 0; i < Clients; i++)
        {
            ring[i] = await ApiScenario.CreateDirectAsync(scenario.Host, users[i], users[(i + 1) % Clients]);
            scenario.Participants[ring[i]] = [users[i], users[(i + 1) % Clients]];
        }

        scenario.AddClients(users, i => [ring[i], ring[(i + Clients - 1) % Clients]]);
        return scenario;
    }

    /// <summary>Every client runs <paramref name="operations"/> operations, all 32 at once.</summary>
    public Task RunAsync(int operations, CancellationToken cancellationToken) =>
        Task.WhenAll(LoadClients.Select(c => Task.Run(() => c.RunAsync(operations, cancellationToken), cancellationToken)));

    /// <summary>
    /// No lost and no duplicated message, gap-free sequences, every message readable through <c>after=</c>, read
    /// positions and unread counts exactly what the clients' confirmed reads and sends imply.
    /// </summary>
    public async Task AssertConsistentAsync(CancellationToken cancellationToken)
    {
        var sent = LoadClients.SelectMany(c => c.Sent.Select(s => (Sender: c.User.Id, Sent: s))).ToList();
        Assert.Equal(sent.Count, sent.Select(s => (s.Sent.ConversationId, s.Sent.ClientMessageId)).Distinct().Count());
        foreach (var (conversationId, participants) in Participants)
        {
            var stored = Host.Store.AllMessages(conversationId);
            var mine = sent.Where(s => s.Sent.ConversationId == conversationId).ToList();
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Sequence));
            Assert.Equal(
                mine.Select(s => (s.Sender, s.Sent.ClientMessageId, s.Sent.MessageId, s.Sent.Sequence)).Order(),
                stored.Select(m => (m.SenderId, m.ClientMessageId!, m.Id, m.Sequence)).Order());

            var reader = Host.ClientFor(participants[0]);
            _http.Add(reader);
            Assert.Equal(stored.Select(m => m.Id), await AllViaCatchUpAsync(reader, conversationId, cancellationToken));
            var conversation = await ApiJson.ReadOkAsync(await reader.GetAsync(new Uri($"/api/conversations/{conversationId}", UriKind.Relative), cancellationToken));
            Assert.Equal(stored.Count, conversation["lastSequence"]!.GetValue<long>());
            foreach (var participant in conversation["participants"]!.AsArray())
            {
                var client = LoadClients.Single(c => c.User.Id == participant!["userId"]!.GetValue<string>());
                Assert.Equal(client.ExpectedReadPosition(conversationId), participant!["readSequence"]!.GetValue<long>());
            }
        }

        foreach (var client in LoadClients)
        {
            await AssertUnreadAsync(client, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }

        await Host.DisposeAsync();
    }

    private void AddClients(List<ChatUser> users, Func<int, string[]> conversationsOf)
    {
        for (var i = 0; i < users.Count; i++)
        {
            var http = Host.ClientFor(users[i]);
            _http.Add(http);
            LoadClients.Add(new LoadClient(users[i], http, conversationsOf(i), seed: 1000 + i));
        }
    }

    /// <summary>The badge: for each conversation, the last sequence minus the read position the client must have.</summary>
    private async Task AssertUnreadAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var expected = Participants
            .Where(p => p.Value.Any(u => u.Id == client.User.Id))
            .Select(p => (ConversationId: p.Key, Unread: Host.Store.AllMessages(p.Key).Count - client.ExpectedReadPosition(p.Key)))
            .Where(e => e.Unread > 0)
            .OrderBy(e => e.ConversationId, StringComparer.Ordinal)
            .ToList();
        var http = Host.ClientFor(client.User);
        _http.Add(http);
        var unread = await ApiJson.ReadOkAsync(await http.GetAsync(new Uri("/api/unread", UriKind.Relative), cancellationToken));
        var actual = unread["conversations"]!.AsArray()
            .Select(e => (ConversationId: e!["conversationId"]!.GetValue<string>(), Unread: e["unreadCount"]!.GetValue<long>()))
            .OrderBy(e => e.ConversationId, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Sum(e => e.Unread), unread["total"]!.GetValue<long>());
    }

    private static async Task<List<string>> AllViaCatchUpAsync(HttpClient http, string conversationId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var after = "0";
        while (true)
        {
            using var response = await http.GetAsync(new Uri($"/api/conversations/{conversationId}/messages?after={after}&limit=100", UriKind.Relative), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ApiJson.ReadAsync(response);
            var items = page["items"]!.AsArray();
            if (items.Count == 0)
            {
                return ids;
            }

            ids.AddRange(items.Select(m => m!["id"]!.GetValue<string>()));
            after = page["nextCursor"]!.GetValue<string>();
        }
    }
}
