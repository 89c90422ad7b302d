using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Chat.Shared.Domain;
using static Chat.Tests.Http.ApiScenario;

namespace Chat.Tests.Http;

/// <summary>
/// Forty senders and forty readers in one group at once, over HTTP, with store latency injected: no request answers
/// 5xx (clients do not retry here), sequences are gap-free and every unread count is exact.
/// </summary>
public class ContentionApiTests
{
    private const int Senders = 40;
    private const int Readers = 40;
    private const int MessagesPerSender = 3;

    [Fact(Timeout = 120_000)]
    public async Task Contention_FortySendersAndFortyReaders_AllSucceed_WithGapFreeSequencesAndExactUnread()
    {
        await using var host = await ChatApiHost.StartAsync();
        var senders = Enumerable.Range(0, Senders).Select(i => new ChatUser($"sender{i:D2}", null)).ToList();
        var readers = Enumerable.Range(0, Readers).Select(i => new ChatUser($"reader{i:D2}", null)).ToList();
        var id = await CreateGroupAsync(host, Alice, [.. senders, .. readers]);
        host.Store.Latency = _ => Task.Delay(2);
        var failures = new ConcurrentQueue<string>();
        var confirmedRead = new ConcurrentDictionary<string, long>();
        var sendersDone = 0;

        var sending = senders.Select(sender => Task.Run(async () =>
        {
            using var client = host.ClientFor(sender);
            for (var i = 0; i < MessagesPerSender; i++)
            {
                var response = await client.PostAsync($"/api/conversations/{id}/messages", $$"""{"clientMessageId":"{{sender.Id}}-{{i}}","content":"{{sender.Id}} says {{i}}"}""");
                Check(response, HttpStatusCode.Created, failures);
            }

            Interlocked.Increment(ref sendersDone);
        })).ToList();
        var reading = readers.Select(reader => Task.Run(async () =>
        {
            using var client = host.ClientFor(reader);
            while (Volatile.Read(ref sendersDone) < Senders)
            {
                var read = await client.PostAsync($"/api/conversations/{id}/read", content: null);
                if (Check(read, HttpStatusCode.OK, failures) is { } body)
                {
                    confirmedRead.AddOrUpdate(reader.Id, body["readSequence"]!.GetValue<long>(), (_, old) => Math.Max(old, body["readSequence"]!.GetValue<long>()));
                }

                Check(await client.GetAsync(new Uri($"/api/conversations/{id}/messages?limit=20", UriKind.Relative)), HttpStatusCode.OK, failures);
            }
        })).ToList();
        await Task.WhenAll(sending.Concat(reading));
        host.Store.Latency = null;

        Assert.Empty(failures);
        var stored = host.Store.AllMessages(id);
        Assert.Equal(Enumerable.Range(1, Senders * MessagesPerSender).Select(i => (long)i), stored.Select(m => m.Sequence));
        foreach (var reader in readers.Take(10))
        {
            using var client = host.ClientFor(reader);
            var unread = await ApiJson.ReadOkAsync(await client.GetAsync(new Uri("/api/unread", UriKind.Relative)));
            var expected = stored.Count - confirmedRead.GetValueOrDefault(reader.Id);
            Assert.Equal(expected, unread["total"]!.GetValue<long>());
        }
    }

    private static JsonNode? Check(HttpResponseMessage response, HttpStatusCode expected, ConcurrentQueue<string> failures)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != expected)
        {
            failures.Enqueue($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
            return null;
        }

        return JsonNode.Parse(text);
    }
}
