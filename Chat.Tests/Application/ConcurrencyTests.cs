using System.Text.RegularExpressions;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Application;

/// <summary>
/// Writers racing in one conversation, with store latency injected so their reads and writes interleave. Ordinary
/// concurrency never fails a request: there is no client-side retry in these tests, so a 503 fails them.
/// </summary>
public partial class ContentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Contention_ParallelSenders_AllSucceed_WithGapFreeDuplicateFreeSequences()
    {
        const int senders = 8, perSender = 25;
        var h = new ChatHarness();
        h.Store.Latency = _ => Task.Delay(1);
        var users = Enumerable.Range(0, senders).Select(i => new ChatUser($"sender{i}", null)).ToList();
        var id = (await h.Conversations.CreateAsync(users[0], new CreateConversationRequest(users.Skip(1).Select(u => u.Id).ToList()), None)).Value.Id;

        var results = await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            var sequences = new List<long>();
            for (var i = 0; i < perSender; i++)
            {
                sequences.Add((await h.Messages.SendAsync(user, id, new SendMessageRequest($"{user.Id}-cm-{i}", $"{user.Id}-{i}"), None)).Value.Sequence);
            }

            return sequences;
        })));

        var stored = h.Store.AllMessages(id);
        Assert.Equal(Enumerable.Range(1, senders * perSender).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(stored.Count, stored.Select(m => (m.SenderId, m.ClientMessageId)).Distinct().Count());
        Assert.Equal(stored.Select(m => m.Sequence).Order(), results.SelectMany(r => r).Order());
        foreach (var user in users)
        {
            Assert.Equal(Enumerable.Range(0, perSender).Select(i => $"{user.Id}-{i}"), stored.Where(m => m.SenderId == user.Id).Select(m => m.Content));
        }

        Assert.Equal(senders * perSender, (await h.Store.GetStateAsync(id, None))!.Conversation.LastSequence);
    }

    [Fact]
    public async Task Contention_ReceiptsRacingSends_NeverMakeASendRetry()
    {
        var h = new ChatHarness();
        var readers = Enumerable.Range(0, 10).Select(i => new ChatUser($"reader{i}", null)).ToList();
        var id = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(readers.Select(r => r.Id).ToList()), None)).Value.Id;
        h.Store.Latency = _ => Task.Delay(1);
        using var stop = new CancellationTokenSource();
        var receipts = 0;

        var readerTasks = readers.Select(reader => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var state = await h.Store.GetStateAsync(id, None);
                if (state?.Conversation.LastMessage is { } last)
                {
                    await h.Receipts.MarkDeliveredAsync(reader, id, new MarkPositionRequest(last.MessageId), None);
                    await h.Receipts.MarkReadAsync(reader, id, new MarkPositionRequest(), None);
                    Interlocked.Add(ref receipts, 2);
                }
            }
        })).ToList();
        h.Store.Calls.Clear();
        for (var i = 0; i < 40; i++)
        {
            await h.Messages.SendAsync(Alice, id, new SendMessageRequest($"c-{i}", $"message {i}"), None);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readerTasks);

        Assert.True(receipts > 40, $"The readers sent {receipts} receipts meanwhile.");
        Assert.Equal(40, h.Store.Calls["TryCommitAsync"]);
    }

    [Fact]
    public async Task Contention_RacingMultipartRetries_StoreExactlyWhatOneSendStores()
    {
        var control = new ChatHarness();
        var controlId = await control.DirectAsync(Alice, Bob);
        await control.Messages.SendWithFileAsync(Alice, controlId, new SendMessageRequest("tap-1", "look"), PngFile(), None);

        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        h.Store.Latency = _ => Task.Delay(1);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            h.Messages.SendWithFileAsync(Alice, id, new SendMessageRequest("tap-1", "look"), PngFile(), None))));
        h.Store.Latency = null;

        Assert.Single(attempts, a => a.Created);
        Assert.Single(attempts.Select(a => a.Value.Id).Distinct());
        Assert.Equal(WithoutETags(control.Store.Snapshot()), WithoutETags(h.Store.Snapshot()));
        Assert.Equal(control.Blobs.Snapshot(), h.Blobs.Snapshot());
        Assert.True(h.Blobs.IsAttached(Assert.Single(h.Store.AllAttachments(id)).BlobName));
    }

    [Fact]
    public async Task Contention_RacingJsonRetriesNamingDifferentUploads_AttachOnlyTheWinnersUpload()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        var uploads = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            uploads.Add(await h.UploadedAttachmentAsync(Alice, id));
        }

        var blobsBefore = h.Blobs.Snapshot();
        h.Store.Latency = _ => Task.Delay(1);

        var attempts = await Task.WhenAll(uploads.Select(upload => Task.Run(() =>
            h.Messages.SendAsync(Alice, id, new SendMessageRequest("tap-1", AttachmentIds: [upload]), None))));

        var message = Assert.Single(h.Store.AllMessages(id));
        var winner = Assert.Single(message.Attachments).Id;
        Assert.Single(attempts, a => a.Created);
        Assert.All(attempts, a => Assert.Equal(message.Id, a.Value.Id));
        var reservations = h.Store.AllAttachments(id);
        Assert.Equal([winner], reservations.Where(r => r.MessageId is not null).Select(r => r.Id));
        Assert.Equal([winner], uploads.Where(u => h.Blobs.IsAttached(AttachmentPolicy.BlobName(id, u))));
        Assert.Equal(uploads.Count, reservations.Count);
        Assert.Equal(
            blobsBefore.Split('\n').Where(line => !line.StartsWith(AttachmentPolicy.BlobName(id, winner), StringComparison.Ordinal)),
            h.Blobs.Snapshot().Split('\n').Where(line => !line.StartsWith(AttachmentPolicy.BlobName(id, winner), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Contention_ConcurrentRetriesOfTheSameClientMessageId_StoreExactlyOne()
    {
        var h = new ChatHarness();
        var id = await h.DirectAsync(Alice, Bob);
        h.Store.Latency = _ => Task.Delay(1);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            h.Messages.SendAsync(Alice, id, new SendMessageRequest("tap-once", "hello"), None))));

        Assert.Single(h.Store.AllMessages(id));
        Assert.Single(attempts.Select(a => a.Value.Id).Distinct());
        Assert.Single(attempts, a => a.Created);
        Assert.Equal(15, attempts.Count(a => !a.Created && a.Events.Count == 0));
    }

    private static UploadedFile PngFile() => new("photo.png", "image/png", 4, new MemoryStream([1, 2, 3, 4]));

    private static string WithoutETags(string snapshot) => ETagPattern().Replace(snapshot, "\"ETag\":null");

    [GeneratedRegex("\"ETag\":(\"[^\"]*\"|null)")]
    private static partial Regex ETagPattern();
}
