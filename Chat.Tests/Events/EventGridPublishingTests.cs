using System.Text.Json;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Events;
using Chat.TestSupport;
using static Chat.TestSupport.ChatHarness;

namespace Chat.Tests.Events;

/// <summary>
/// Events to the app's backend, from the chat container's change feed (the store double's feed has the Cosmos change
/// feed's latest-version semantics) through the real derivation, dispatcher and state store double, into a recording
/// publisher.
/// </summary>
public class EventGridPublishingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EventGrid_EveryChange_PublishesOneEvent_WithItsOwnStableId()
    {
        var h = new ChatHarness();
        var steps = new List<(string Expected, IReadOnlyList<ChatEvent> Published)>();
        string id = "";
        MessageDto first = null!;
        MessageDto second = null!;
        async Task Step(string expected, Func<Task> change)
        {
            var before = h.Events.Published.Count;
            await change();
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            await h.PublishEventsAsync();
            steps.Add((expected, h.Events.Published.Skip(before).ToList()));
        }

        await Step(ChatEventTypes.ConversationCreated, async () => id = (await h.Conversations.CreateAsync(
            Alice, new CreateConversationRequest(["bob", "carol"], "Team", Key: "k1"), None)).Value.Id);
        await Step(ChatEventTypes.MessageCreated, async () => first = (await h.Messages.SendAsync(Alice, id, new SendMessageRequest("c1", "hello"), None)).Value);
        await Step(ChatEventTypes.MessageEdited, () => h.Messages.EditAsync(Alice, id, first.Id, new EditMessageRequest("hello all"), None));
        await Step(ChatEventTypes.MessageReactionsChanged, () => h.Messages.ReactAsync(Bob, id, first.Id, "👍", add: true, None));
        await Step(ChatEventTypes.MessageReactionsChanged, () => h.Messages.ReactAsync(Bob, id, first.Id, "👍", add: false, None));
        await Step(ChatEventTypes.MessagesRead, () => h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None));
        await Step(ChatEventTypes.MembersAdded, () => h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["dave"]), None));
        await Step(ChatEventTypes.MemberRoleChanged, () => h.Membership.ChangeRoleAsync(Alice, id, "dave", new ChangeRoleRequest("admin"), None));
        await Step(ChatEventTypes.ConversationRenamed, () => h.Membership.UpdateAsync(Alice, id, new UpdateConversationRequest("Team 2"), None));
        await Step(ChatEventTypes.ConversationMetadataChanged, () => h.Membership.UpdateAsync(
            Alice, id, new UpdateConversationRequest(Metadata: new Dictionary<string, string> { ["orderId"] = "o-1" }), None));
        await Step(ChatEventTypes.ConversationClosed, () => h.Membership.CloseAsync(Alice, id, None));
        await Step(ChatEventTypes.ConversationReopened, () => h.Membership.ReopenAsync(Alice, id, None));
        await Step(ChatEventTypes.MemberRemoved, () => h.Membership.RemoveParticipantAsync(Alice, id, "dave", None));
        await Step(ChatEventTypes.MemberLeft, () => h.Membership.RemoveParticipantAsync(Carol, id, "carol", None));
        await Step(ChatEventTypes.MessageCreated, async () => second = (await h.Messages.SendAsync(Bob, id, new SendMessageRequest("c2", "bye"), None)).Value);
        await Step(ChatEventTypes.MessageDeleted, () => h.Messages.DeleteAsync(Bob, id, second.Id, None));

        Assert.Equal(steps.Select(s => s.Expected), steps.Select(s => string.Join(",", s.Published.Select(e => e.Type))));

        var all = steps.SelectMany(s => s.Published).ToList();
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, e => Assert.StartsWith($"conversations/{id}", e.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventGrid_TitleAndMetadataInOneChange_PublishTheRenameAndTheMetadata_AndAReplayNeither()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();

        await h.Membership.UpdateAsync(Alice, id, new UpdateConversationRequest("Order 7", new Dictionary<string, string> { ["status"] = "paid" }), None);
        await h.Membership.CloseAsync(Alice, id, None);
        await h.PublishEventsAsync();
        await h.EventFeed.HandleAsync(h.Store.AllDocuments(), None);

        Assert.Equal(
            [ChatEventTypes.ConversationRenamed, ChatEventTypes.ConversationClosed, ChatEventTypes.ConversationMetadataChanged],
            h.Events.Published.Select(e => e.Type));
        Assert.Equal("paid", ((ConversationMetadataChangedData)h.Events.Published[2].Data).Metadata["status"]);
    }

    [Fact]
    public async Task EventGrid_ChangesThatAreNoDomainEvents_PublishNothing()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        var message = await h.SendTextAsync(Alice, id);
        await h.PublishEventsAsync();
        var before = h.Events.Published.Count;

        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest(message.Id), None);
        await h.Attachments.ReserveAsync(Carol, id, new ReserveAttachmentRequest("a.png", "image/png", 10), None);
        await h.TypingService.SetAsync(Carol, id, new TypingRequest(true), None);
        await h.PublishEventsAsync();

        Assert.Equal(before, h.Events.Published.Count);
    }

    [Fact]
    public async Task EventGrid_ASendOrAJoin_PublishesNoReadOfItsOwn_ButAReceiptDoes()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();

        await h.SendTextAsync(Bob, id);
        await h.Membership.AddParticipantsAsync(Alice, id, new AddParticipantsRequest(["carol"]), None);
        await h.SendTextAsync(Alice, id);
        await h.PublishEventsAsync();
        Assert.Equal([ChatEventTypes.MessageCreated, ChatEventTypes.MembersAdded, ChatEventTypes.MessageCreated], h.Events.Published.Select(e => e.Type));

        h.Clock.Advance(TimeSpan.FromSeconds(3));
        await h.Receipts.MarkReadAsync(Carol, id, new MarkPositionRequest(), None);
        await h.Membership.UpdateMeAsync(Carol, id, new UpdateMeRequest(Archived: true), None);
        await h.PublishEventsAsync();

        var read = Assert.IsType<MessagesReadData>(Assert.Single(h.Events.Published.Skip(3)).Data);
        Assert.Equal(("carol", 3L, h.Clock.GetUtcNow()), (read.UserId, read.ReadSequence, read.ReadAt!.Value));
    }

    [Fact]
    public async Task EventGrid_WholeFeedReplayed_PublishesNoIdThatWasNotPublishedBefore()
    {
        var h = new ChatHarness();
        await HistoryAsync(h);
        var first = h.Events.Published.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var states = h.EventStates.Snapshot();

        await h.EventFeed.HandleAsync(h.Store.AllDocuments(), None);

        var replayed = h.Events.Published.Skip(first.Count).ToList();
        Assert.All(replayed, e => Assert.Contains(e.Id, first));
        Assert.All(replayed, e => Assert.Equal(ChatEventTypes.MessagesRead, e.Type));
        Assert.Equal(states, h.EventStates.Snapshot());
    }

    [Fact]
    public async Task EventGrid_BatchRetriedAfterItsStateWasLost_PublishesExactlyTheSameIdsAgain()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob, Carol);
        await h.PublishEventsAsync();
        var sent = await h.SendTextAsync(Alice, id);
        await h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("edited"), None);
        await h.Messages.ReactAsync(Carol, id, sent.Id, "🎉", add: true, None);
        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        var batch = h.Store.DrainDocuments();
        h.EventStates.BeforeCall = operation =>
        {
            if (operation == nameof(InMemoryEventStateStore.TrySaveAsync))
            {
                throw new InvalidOperationException("The host stopped before the state was written.");
            }
        };
        var before = h.Events.Published.Count;

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.EventFeed.HandleAsync(batch, None));
        var firstAttempt = h.Events.Published.Skip(before).Select(e => e.Id).ToList();
        h.EventStates.BeforeCall = null;
        await h.EventFeed.HandleAsync(batch, None);
        var retry = h.Events.Published.Skip(before + firstAttempt.Count).Select(e => e.Id).ToList();

        Assert.Equal(4, firstAttempt.Count);
        Assert.Equal(firstAttempt, retry);
        await h.EventFeed.HandleAsync(batch, None);
        Assert.Equal([ChatEventTypes.MessagesRead], h.Events.Published.Skip(before + 2 * firstAttempt.Count).Select(e => e.Type));
    }

    [Fact]
    public async Task EventGrid_FailingPublisher_FailsTheBatch_AndItsRetryLosesNothing()
    {
        var expected = new ChatHarness();
        await HistoryAsync(expected);
        var h = new ChatHarness();
        h.Events.Fail = true;
        var failures = 0;
        await HistoryAsync(h, async batch =>
        {
            // Event Grid is down for every first attempt: the trigger's retry policy runs the same batch again.
            h.Events.Fail = true;
            await Assert.ThrowsAsync<InvalidOperationException>(() => h.EventFeed.HandleAsync(batch, None));
            failures++;
            h.Events.Fail = false;
            await h.EventFeed.HandleAsync(batch, None);
        });

        Assert.True(failures > 5);
        Assert.Equal(expected.Events.Published.Select(Key), h.Events.Published.Select(Key));
        Assert.Equal(h.Events.Published.Count, h.Events.Published.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task EventGrid_FailureInOneConversation_RepublishesTheOthersOnRetry_WithoutLosingAny()
    {
        var h = new ChatHarness();
        var a = await h.GroupAsync(Alice, Bob);
        var b = await h.GroupAsync(Carol, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();
        await h.SendTextAsync(Alice, a, "to a");
        await h.SendTextAsync(Carol, b, "to b");
        var batch = h.Store.DrainDocuments();
        h.Events.BeforePublish = events =>
            events.Any(e => e.Subject.StartsWith($"conversations/{b}", StringComparison.Ordinal))
                ? throw new InvalidOperationException("Event Grid refused the request.")
                : Task.CompletedTask;

        await Assert.ThrowsAnyAsync<Exception>(() => h.EventFeed.HandleAsync(batch, None));
        h.Events.BeforePublish = null;
        await h.EventFeed.HandleAsync(batch, None);

        Assert.Equal(
            new[] { $"{a}:{ChatEventTypes.MessageCreated}", $"{b}:{ChatEventTypes.MessageCreated}" }.Order(StringComparer.Ordinal),
            h.Events.Published.Select(e => $"{((MessageCreatedData)e.Data).ConversationId}:{e.Type}").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EventGrid_EventsOfEachConversation_ArePublishedInTheirChangeOrder_EvenInOneBatch()
    {
        var h = new ChatHarness();
        var a = await h.GroupAsync(Alice, Bob);
        var b = await h.DirectAsync(Carol, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();
        var requests = new List<IReadOnlyList<ChatEvent>>();
        h.Events.BeforePublish = events =>
        {
            lock (requests)
            {
                requests.Add(events);
            }

            return Task.CompletedTask;
        };
        for (var i = 0; i < 10; i++)
        {
            var inA = (await h.Messages.SendAsync(Alice, a, new SendMessageRequest(Content: $"a{i}"), None)).Value;
            await h.Messages.SendAsync(Carol, b, new SendMessageRequest(Content: $"b{i}"), None);
            await h.Messages.EditAsync(Alice, a, inA.Id, new EditMessageRequest($"a{i}!"), None);
        }

        await h.PublishEventsAsync();

        Assert.Equal(2, requests.Count);
        foreach (var conversation in new[] { a, b })
        {
            var events = h.Events.Published.Where(e => e.Subject.StartsWith($"conversations/{conversation}", StringComparison.Ordinal)).ToList();
            var created = events.Where(e => e.Type == ChatEventTypes.MessageCreated).Select(e => ((MessageCreatedData)e.Data).Message.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), created);
            var edits = events.Where(e => e.Type == ChatEventTypes.MessageEdited).Select(e => ((MessageChangedData)e.Data).Position).ToList();
            Assert.Equal(edits.Order(), edits);
            Assert.Single(requests, r => r.All(e => events.Contains(e)));
        }
    }

    [Fact]
    public async Task EventGrid_MessageCreatedAndChangedBeforeTheFeedRead_PublishesItsCreationAndEachChange()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();

        var sent = (await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "typo"), None)).Value;
        await h.Messages.EditAsync(Alice, id, sent.Id, new EditMessageRequest("fixed"), None);
        await h.Messages.ReactAsync(Bob, id, sent.Id, "👍", add: true, None);
        var batch = h.Store.DrainDocuments();
        await h.EventFeed.HandleAsync(batch, None);

        Assert.Single(batch, d => d.GetProperty("type").GetString() == "message");
        Assert.Equal(
            [ChatEventTypes.MessageCreated, ChatEventTypes.MessageEdited, ChatEventTypes.MessageReactionsChanged],
            h.Events.Published.Select(e => e.Type));
        Assert.Equal("fixed", ((MessageCreatedData)h.Events.Published[0].Data).Message.Content);
    }

    [Fact]
    public async Task EventGrid_MessageCreatedAndDeletedBeforeTheFeedRead_PublishesOnlyItsDeletion()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.PublishEventsAsync();
        h.Events.Clear();

        var sent = (await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "oops"), None)).Value;
        await h.Messages.DeleteAsync(Alice, id, sent.Id, None);
        await h.PublishEventsAsync();

        var deleted = Assert.Single(h.Events.Published);
        Assert.Equal(ChatEventTypes.MessageDeleted, deleted.Type);
        Assert.Equal((sent.Id, sent.Sequence), (((MessageDeletedData)deleted.Data).MessageId, ((MessageDeletedData)deleted.Data).Sequence));
    }

    [Fact]
    public async Task EventGrid_ConversationCreatedWithItsFirstMessagesInOneRead_AnnouncesTheConversationFirst()
    {
        var h = new ChatHarness();
        var id = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"]), None)).Value.Id;
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest(Content: "hi"), None);
        await h.Messages.SendAsync(Bob, id, new SendMessageRequest(Content: "hey"), None);

        await h.PublishEventsAsync();

        Assert.Equal([ChatEventTypes.ConversationCreated, ChatEventTypes.MessageCreated, ChatEventTypes.MessageCreated], h.Events.Published.Select(e => e.Type));
        var created = (ConversationCreatedData)h.Events.Published[0].Data;
        Assert.Equal((ConversationKind.Direct, "alice"), (created.Kind, created.CreatedBy));
        Assert.Equal(["alice", "bob"], created.ParticipantIds);
    }

    [Fact]
    public async Task EventGrid_BatchWithoutTheConversationDocument_StillAnnouncesTheConversationOnce()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);
        var withoutConversation = h.Store.DrainDocuments().Where(d => d.GetProperty("type").GetString() != "conversation").ToList();

        await h.EventFeed.HandleAsync(withoutConversation, None);
        await h.SendTextAsync(Bob, id);
        await h.PublishEventsAsync();

        Assert.Equal(
            [ChatEventTypes.ConversationCreated, ChatEventTypes.MessageCreated, ChatEventTypes.MessageCreated],
            h.Events.Published.Select(e => e.Type));
    }

    [Fact]
    public async Task EventGrid_TwoInstancesOnTheSameBatch_PublishTheSameIds_AndTheStateConverges()
    {
        var h = new ChatHarness();
        var expected = new ChatHarness();
        await HistoryAsync(expected);
        var second = new Chat.Shared.Application.ChatEventDispatcher(
            h.Store, h.EventStates, h.Events, h.Clock, Microsoft.Extensions.Options.Options.Create(h.EventOptions),
            Microsoft.Extensions.Options.Options.Create(h.NotificationOptions), Microsoft.Extensions.Logging.Abstractions.NullLogger<Chat.Shared.Application.ChatEventDispatcher>.Instance);
        h.EventStates.Latency = _ => Task.Delay(1);

        await HistoryAsync(h, async batch =>
        {
            // A lease taken over while the first owner still works: both run the batch.
            var documents = Chat.Shared.Storage.Cosmos.EventChangeFeed.DocumentsOf(batch);
            await Task.WhenAll(Task.Run(() => h.EventDispatcher.PublishAsync(documents, None)), Task.Run(() => second.PublishAsync(documents, None)));
        });

        Assert.Equal(expected.Events.Published.Select(Key).ToHashSet(), h.Events.Published.Select(Key).ToHashSet());
        Assert.Equal(
            h.Events.Published.Select(e => e.Id).Distinct().Count(),
            h.Events.Published.Select(Key).Distinct().Count());
        var conversations = expected.Store.AllDocuments().Select(d => d.GetProperty("conversationId").GetString()!).Distinct().ToList();
        var mine = h.Store.AllDocuments().Select(d => d.GetProperty("conversationId").GetString()!).Distinct().ToList();
        Assert.Equal(conversations.Count, mine.Count);
        foreach (var (theirs, ours) in conversations.Zip(mine))
        {
            var (a, b) = (expected.EventStates.Get(theirs)!, h.EventStates.Get(ours)!);
            Assert.Equal((a.Announced, a.PublishedChange, a.PublishedSequence), (b.Announced, b.PublishedChange, b.PublishedSequence));
        }
    }

    [Fact]
    public async Task EventGrid_Disabled_PublishesNothing_AndKeepsNoState()
    {
        var h = new ChatHarness();
        h.EventOptions.Enabled = false;
        var id = await h.GroupAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);

        await h.PublishEventsAsync();

        Assert.Empty(h.Events.Published);
        Assert.Equal(0, h.Events.Calls);
        Assert.Empty(h.EventStates.Calls);
    }

    [Fact]
    public async Task EventGrid_ReadReceiptsAlone_ReadNoStateAndWriteNone()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);
        await h.PublishEventsAsync();
        h.EventStates.Calls.Clear();
        h.Events.Clear();

        await h.Receipts.MarkReadAsync(Bob, id, new MarkPositionRequest(), None);
        await h.PublishEventsAsync();

        Assert.Equal(ChatEventTypes.MessagesRead, Assert.Single(h.Events.Published).Type);
        Assert.Empty(h.EventStates.Calls);
    }

    [Fact]
    public async Task EventGrid_ChangeFeedDocuments_BecomeChangedDocuments_WithTheirWriteTime()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        await h.SendTextAsync(Alice, id);
        await h.Receipts.MarkDeliveredAsync(Bob, id, new MarkPositionRequest((await h.Messages.GetHistoryAsync(Bob, id, new HistoryRequest(), None)).Items[0].Id), None);
        var raw = h.Store.AllDocuments()
            .Select(d => d.GetProperty("type").GetString() == "message" ? WithTs(d, 1_795_953_000) : d)
            .Append(JsonDocument.Parse("""{"id":"x","type":"somethingNew","conversationId":"g"}""").RootElement)
            .ToList();

        var documents = Chat.Shared.Storage.Cosmos.EventChangeFeed.DocumentsOf(raw);

        Assert.Equal(["ChangedConversation", "ChangedMember", "ChangedMember", "ChangedMessage"], documents.Select(d => d.GetType().Name).Order());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_795_953_000), documents.OfType<ChangedMessage>().Single().WrittenAt);
    }

    [Fact]
    public async Task EventGrid_EventData_SerialisesAsTheCatalogueShowsIt()
    {
        var h = new ChatHarness();
        var id = await h.GroupAsync(Alice, Bob);
        var upload = await h.UploadedAttachmentAsync(Alice, id);
        await h.Messages.SendAsync(Alice, id, new SendMessageRequest("c-9", "look", AttachmentIds: [upload]), None);
        h.Events.Clear();
        await h.PublishEventsAsync();

        var created = h.Events.Published.Single(e => e.Type == ChatEventTypes.MessageCreated);
        var json = JsonSerializer.SerializeToElement(created.Data, created.Data.GetType(), ChatJson.Options);

        Assert.Equal(id, json.GetProperty("conversationId").GetString());
        var message = json.GetProperty("message");
        Assert.Equal(("image", "look", "c-9", "alice"), (message.GetProperty("type").GetString(), message.GetProperty("content").GetString(),
            message.GetProperty("clientMessageId").GetString(), message.GetProperty("sender").GetProperty("id").GetString()));
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        Assert.False(attachment.TryGetProperty("blobName", out _));
        Assert.Equal($"{id}/{message.GetProperty("id").GetString()}/created", created.Id);
    }

    /// <summary>
    /// A history of sends, edits, reactions, deletes, receipts and membership changes in two conversations. After each
    /// step the feed written since the last one is handed to <paramref name="deliver"/> (default: published as it is).
    /// </summary>
    private static async Task HistoryAsync(ChatHarness h, Func<IReadOnlyList<JsonElement>, Task>? deliver = null)
    {
        deliver ??= batch => h.EventFeed.HandleAsync(batch, None);
        async Task Step(Func<Task> change)
        {
            await change();
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            await deliver(h.Store.DrainDocuments());
        }

        string group = "", direct = "", last = "";
        await Step(async () => group = (await h.Conversations.CreateAsync(Carol, new CreateConversationRequest(["alice", "bob"], "Team"), None)).Value.Id);
        await Step(async () => direct = (await h.Conversations.CreateAsync(Alice, new CreateConversationRequest(["bob"]), None)).Value.Id);
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            await Step(async () => last = (await h.Messages.SendAsync(Carol, group, new SendMessageRequest($"g{n}", $"group {n}"), None)).Value.Id);
            await Step(() => h.Messages.SendAsync(Alice, direct, new SendMessageRequest($"d{n}", $"direct {n}"), None));
            await Step(() => h.Messages.EditAsync(Carol, group, last, new EditMessageRequest($"group {n}!"), None));
            await Step(() => h.Messages.ReactAsync(Alice, group, last, "❤️", add: true, None));
            await Step(() => h.Receipts.MarkReadAsync(Bob, direct, new MarkPositionRequest(), None));
            await Step(() => h.Receipts.MarkReadAsync(Alice, group, new MarkPositionRequest(), None));
        }

        await Step(() => h.Membership.AddParticipantsAsync(Carol, group, new AddParticipantsRequest(["dave"]), None));
        await Step(() => h.Messages.DeleteAsync(Carol, group, last, None));
        await Step(() => h.Messages.SendAsync(Bob, group, new SendMessageRequest("last", "last word"), None));
    }

    /// <summary>What an event is about, without the random parts of its id (conversation and system-message ids differ between harnesses).</summary>
    private static string Key(ChatEvent e) => e.Data switch
    {
        ConversationCreatedData d => $"{e.Type}|{d.Kind}|{d.Title}",
        MessageCreatedData d => $"{e.Type}|{d.Message.Sequence}|{d.Message.Content}",
        MessageChangedData d => $"{e.Type}|{d.Message.Sequence}|{d.Position}",
        MessageDeletedData d => $"{e.Type}|{d.Sequence}|{d.Position}",
        SystemChangeData d => $"{e.Type}|{d.Message.Sequence}",
        MessagesReadData d => $"{e.Type}|{d.UserId}|{d.ReadSequence}|{d.ConversationId.Length}",
        _ => e.Type,
    };

    private static JsonElement WithTs(JsonElement document, long ts)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(document.GetRawText())!.AsObject();
        node["_ts"] = ts;
        return JsonSerializer.SerializeToElement(node);
    }
}
