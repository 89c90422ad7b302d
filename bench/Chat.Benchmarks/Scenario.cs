using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Chat.Shared.Domain;

namespace Chat.Benchmarks;

/// <summary>
/// The data each operation runs on, arranged through the API itself, and the operations:
/// a history page of 50 text messages (of 200) in a direct conversation; mark-read in a fresh three-person group conversation
/// per request (so every request really moves a position: one write, never the no-op of an older position);
/// send of a text message with a fresh clientMessageId into a direct conversation. The bytes on the wire are measured
/// for the history page and for a page of 50 of Alice's conversations.
/// </summary>
public sealed class Scenario(BenchHost host, int concurrency) : IDisposable
{
    public const int HistoryMessages = 200;
    public const int PageSize = 50;

    public static readonly ChatUser Alice = new("alice", "Alice");
    public static readonly ChatUser Bob = new("bob", "Bob");
    public static readonly ChatUser Carol = new("carol", "Carol");

    private readonly HttpClient _alice = host.ClientFor(Alice, concurrency);
    private readonly HttpClient _bob = host.ClientFor(Bob, concurrency);
    private string _historyConversation = "";
    private string _sendConversation = "";
    private string[] _readConversations = [];
    private int _nextRead = -1;
    private int _nextSend = -1;

    /// <summary>Conversations left for mark-read: each request needs one with an unread message.</summary>
    public int ReadsLeft => _readConversations.Length - 1 - Volatile.Read(ref _nextRead);

    public string HistoryPath => $"/api/conversations/{_historyConversation}/messages?limit={PageSize}";

    /// <summary>Alice's conversation list: the mark-read groups (titled, three participants, one message each) and her direct conversations.</summary>
    public static string ListPath => $"/api/conversations?limit={PageSize}";

    public async Task PrepareHistoryAsync()
    {
        _historyConversation = await CreateAsync(_alice, new { participantIds = new[] { Bob.Id } });
        for (var i = 0; i < HistoryMessages; i++)
        {
            var sender = i % 2 == 0 ? _alice : _bob;
            (await ExpectAsync(sender.PostAsJsonAsync($"/api/conversations/{_historyConversation}/messages", new { content = Text(i) }), HttpStatusCode.Created)).Dispose();
        }
    }

    public async Task PrepareReadAsync(int count)
    {
        _readConversations = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellationToken) =>
        {
            var id = await CreateAsync(_alice, new { participantIds = new[] { Bob.Id, Carol.Id }, title = "Read " + i });
            var send = _alice.PostAsJsonAsync($"/api/conversations/{id}/messages", new { content = Text(i) }, cancellationToken);
            (await ExpectAsync(send, HttpStatusCode.Created)).Dispose();
            _readConversations[i] = id;
        });
    }

    public async Task PrepareSendAsync() => _sendConversation = await CreateAsync(_alice, new { participantIds = new[] { Carol.Id } });

    public Task<HttpResponseMessage> BaselineAsync() => _alice.GetAsync(new Uri("/baseline", UriKind.Relative));

    public Task<HttpResponseMessage> HistoryAsync() => _alice.GetAsync(new Uri(HistoryPath, UriKind.Relative));

    public Task<HttpResponseMessage> MarkReadAsync() =>
        _bob.PostAsJsonAsync($"/api/conversations/{_readConversations[Interlocked.Increment(ref _nextRead)]}/read", new { });

    public Task<HttpResponseMessage> SendAsync()
    {
        var index = Interlocked.Increment(ref _nextSend);
        return _alice.PostAsJsonAsync($"/api/conversations/{_sendConversation}/messages", new { clientMessageId = "bench-" + index, content = Text(index) });
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    /// <summary>A text of 50–60 characters, the size of a typical chat line.</summary>
    private static string Text(int i) => $"Message {i}: see you at the station at nine, platform 4";

    private static async Task<string> CreateAsync(HttpClient client, object body)
    {
        using var response = await ExpectAsync(client.PostAsJsonAsync("/api/conversations", body), HttpStatusCode.Created);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["id"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> pending, HttpStatusCode expected)
    {
        var response = await pending;
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Setup: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
