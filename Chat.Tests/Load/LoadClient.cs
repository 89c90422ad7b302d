using System.Globalization;
using System.Net;
using Chat.Shared.Domain;
using Chat.Tests.Http;

namespace Chat.Tests.Load;

/// <summary>A message a client got back from a send (201, or 200 for a retry the server had already stored).</summary>
public sealed record SentMessage(string ConversationId, string ClientMessageId, string MessageId, long Sequence);

/// <summary>
/// One simulated mobile client: real JSON over HTTP with its own development token, a seeded random mix of send
/// (40 %), <c>after=</c> catch-up (25 %), mark-read (20 %) and typing (15 %) over its conversations. Every request
/// must succeed the first time (ordinary concurrency never fails a request). It keeps what the server confirmed, so
/// the test can compute the expected end state independently of the store.
/// </summary>
public sealed class LoadClient(ChatUser user, HttpClient http, IReadOnlyList<string> conversations, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, long> _seen = [];
    private int _round;

    public ChatUser User => user;

    public List<SentMessage> Sent { get; } = [];

    /// <summary>The highest read position the server confirmed per conversation (from mark-read answers).</summary>
    public Dictionary<string, long> ConfirmedRead { get; } = [];

    public async Task RunAsync(int operations, CancellationToken cancellationToken)
    {
        var round = _round++;
        for (var i = 0; i < operations; i++)
        {
            var conversation = conversations[_random.Next(conversations.Count)];
            var roll = _random.Next(100);
            if (roll < 40)
            {
                await SendAsync(conversation, $"{user.Id}-{round}-{i}", cancellationToken);
            }
            else if (roll < 65)
            {
                await CatchUpAsync(conversation, cancellationToken);
            }
            else if (roll < 85)
            {
                await MarkReadAsync(conversation, cancellationToken);
            }
            else
            {
                await SetTypingAsync(conversation, _random.Next(4) != 0, cancellationToken);
            }
        }
    }

    /// <summary>The read position the server must hold for this client: sending counts as reading.</summary>
    public long ExpectedReadPosition(string conversationId) =>
        Math.Max(ConfirmedRead.GetValueOrDefault(conversationId), Sent.Where(s => s.ConversationId == conversationId).Select(s => s.Sequence).DefaultIfEmpty(0).Max());

    /// <summary>One send, answered 201: ordinary concurrency never fails a request, so this client has no retry loop.</summary>
    private async Task SendAsync(string conversationId, string clientMessageId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            new Uri($"/api/conversations/{conversationId}/messages", UriKind.Relative),
            ApiJson.Body(new { clientMessageId, content = $"{clientMessageId} says hello" }),
            cancellationToken);
        var message = await ApiJson.ReadOkAsync(response, HttpStatusCode.Created);
        Assert.Equal(clientMessageId, message["clientMessageId"]!.GetValue<string>());
        Sent.Add(new SentMessage(conversationId, clientMessageId, message["id"]!.GetValue<string>(), message["sequence"]!.GetValue<long>()));
    }

    /// <summary>The reconnect call: everything after the newest sequence this client has; the page must have no gap.</summary>
    private async Task CatchUpAsync(string conversationId, CancellationToken cancellationToken)
    {
        var after = _seen.GetValueOrDefault(conversationId);
        using var response = await http.GetAsync(
            new Uri($"/api/conversations/{conversationId}/messages?after={after.ToString(CultureInfo.InvariantCulture)}&limit=100", UriKind.Relative),
            cancellationToken);
        var page = await ApiJson.ReadOkAsync(response);
        var sequences = page["items"]!.AsArray().Select(m => m!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(k => after + k), sequences);
        _seen[conversationId] = long.Parse(page["nextCursor"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private async Task MarkReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri($"/api/conversations/{conversationId}/read", UriKind.Relative), ApiJson.Body("{}"), cancellationToken);
        var position = await ApiJson.ReadOkAsync(response);
        var read = position["readSequence"]!.GetValue<long>();
        ConfirmedRead[conversationId] = Math.Max(read, ConfirmedRead.GetValueOrDefault(conversationId));
    }

    private async Task SetTypingAsync(string conversationId, bool isTyping, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            new Uri($"/api/conversations/{conversationId}/typing", UriKind.Relative), ApiJson.Body(new { isTyping }), cancellationToken);
        var typing = await ApiJson.ReadOkAsync(response);
        Assert.Equal(isTyping, typing["isTyping"]!.GetValue<bool>());
    }
}
