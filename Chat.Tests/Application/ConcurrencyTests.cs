using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Tests.Doubles;
using static Chat.Tests.Doubles.ChatHarness;

namespace Chat.Tests.Application;

public class ConcurrencyTests
{
    private const int Senders = 8;
    private const int MessagesPerSender = 100;

    [Fact]
    public async Task Send_ManyParallelSenders_GiveGapFreeDuplicateFreeSequences()
    {
        var h = new ChatHarness();
        var users = Enumerable.Range(0, Senders).Select(i => new ChatUser($"sender{i}", null)).ToList();
        var id = (await h.Conversations.CreateAsync(users[0], new CreateConversationRequest(users.Skip(1).Select(u => u.Id).ToList()), CancellationToken.None)).Value.Id;

        var results = await Task.WhenAll(users.Select(user => Task.Run(() => SendAllAsync(h, user, id))));

        var stored = h.Store.AllMessages(id);
        Assert.Equal(Senders * MessagesPerSender, stored.Count);
        Assert.Equal(Enumerable.Range(1, Senders * MessagesPerSender).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(stored.Count, stored.Select(m => m.Id).Distinct().Count());
        Assert.Equal(stored.Count, stored.Select(m => (m.SenderId, m.ClientMessageId)).Distinct().Count());
        Assert.Equal(stored.Count, results.Sum(r => r.Count));
        foreach (var user in users)
        {
            var own = stored.Where(m => m.SenderId == user.Id).Select(m => m.Content).ToList();
            Assert.Equal(Enumerable.Range(0, MessagesPerSender).Select(i => $"{user.Id}-{i}"), own);
        }

        var state = await h.Store.GetStateAsync(id, CancellationToken.None);
        Assert.Equal(Senders * MessagesPerSender, state!.Conversation.LastSequence);
        Assert.Equal(Senders * MessagesPerSender, state.Counters.LastSequence);
    }

    [Fact]
    public async Task Send_ConcurrentRetriesOfTheSameClientMessageId_StoreExactlyOne()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            SendWithClientRetryAsync(h, Alice, id, new SendMessageRequest("tap-once", "hello")))));

        Assert.Single(h.Store.AllMessages(id));
        Assert.Single(attempts.Select(a => a.Value.Id).Distinct());
        Assert.Single(attempts, a => a.Created);
        Assert.Equal(15, attempts.Count(a => !a.Created && a.Events.Count == 0));
    }

    /// <summary>One sender sending its messages in order, each retried like a mobile client on 503 (same clientMessageId).</summary>
    private static async Task<List<long>> SendAllAsync(ChatHarness h, ChatUser user, string conversationId)
    {
        var sequences = new List<long>();
        for (var i = 0; i < MessagesPerSender; i++)
        {
            var request = new SendMessageRequest($"{user.Id}-cm-{i}", $"{user.Id}-{i}");
            var result = await SendWithClientRetryAsync(h, user, conversationId, request);
            sequences.Add(result.Value.Sequence);
        }

        return sequences;
    }

    private static async Task<Chat.Shared.Application.ChatResult<MessageDto>> SendWithClientRetryAsync(
        ChatHarness h, ChatUser user, string conversationId, SendMessageRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await h.Messages.SendAsync(user, conversationId, request, CancellationToken.None);
            }
            catch (ChatException e) when (e.Error.Kind == ChatErrorKind.Unavailable && attempt < 50)
            {
                await Task.Yield();
            }
        }
    }
}
