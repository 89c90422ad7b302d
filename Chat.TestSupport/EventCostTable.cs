using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Events;

namespace Chat.TestSupport;

/// <summary>
/// The exact cost of events to the app's backend and read-aware notifications in a group of a given size, counted on
/// the doubles (what the Cosmos DB stores and the Event Grid client would send): for a send and a read receipt, what
/// the change-feed publisher reads and writes in the <c>events</c> container and publishes; for one due notification
/// window, what the sweep reads, writes and publishes. Beside it, what per-recipient pending documents would write.
/// The benchmark prints it; the budget tests assert it.
/// </summary>
public static class EventCostTable
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<IReadOnlyList<EventCostRow>> MeasureAsync(int members)
    {
        var h = new ChatHarness();
        var users = Enumerable.Range(0, members).Select(i => new ChatUser($"member{i:D3}", $"Member {i}")).ToList();
        var (sender, reader) = (users[0], users[1]);
        var id = (await h.Conversations.CreateAsync(sender, new CreateConversationRequest(users.Skip(1).Select(u => u.Id).ToList(), "Team"), None)).Value.Id;
        await h.PublishEventsAsync();
        for (var i = 0; i < 10; i++)
        {
            await h.Messages.SendAsync(sender, id, new SendMessageRequest($"warm-{i}", $"message {i}"), None);
            await h.PublishEventsAsync();
        }

        h.Clock.Advance(h.NotificationOptions.Delay);
        await h.NotificationSweeper.RunAsync(None);
        var rows = new List<EventCostRow>
        {
            await MeasureFeedAsync(h, "send", members, () => h.Messages.SendAsync(sender, id, new SendMessageRequest("measured", "hello team"), None)),
            await MeasureFeedAsync(h, "read receipt", members, () => h.Receipts.MarkReadAsync(reader, id, new MarkPositionRequest(), None)),
        };

        h.Clock.Advance(h.NotificationOptions.Delay);
        rows.Add(await MeasureAsync(h, "notification sweep (1 due window)", members, () => h.NotificationSweeper.RunAsync(None)));
        return rows;
    }

    private static Task<EventCostRow> MeasureFeedAsync(ChatHarness h, string operation, int members, Func<Task> change) =>
        MeasureAsync(h, operation, members, async () =>
        {
            await change();
            h.Store.Metrics.Reset();
            await h.PublishEventsAsync();
        });

    private static async Task<EventCostRow> MeasureAsync(ChatHarness h, string operation, int members, Func<Task> run)
    {
        h.EventStates.Metrics.Reset();
        h.Store.Metrics.Reset();
        var calls = h.Events.Calls;
        var published = h.Events.Published.Count;
        await run();
        var events = h.Events.Published.Skip(published).ToList();
        return new EventCostRow(
            operation,
            members,
            h.Store.Metrics.Requests,
            h.EventStates.Metrics.Requests,
            h.EventStates.Metrics.DocumentsWritten,
            h.EventStates.Metrics.BytesWritten,
            h.Events.Calls - calls,
            events.Count(e => e.Type != ChatEventTypes.NotificationDue),
            events.Count(e => e.Type == ChatEventTypes.NotificationDue),
            operation == "send" ? members - 1 : 0);
    }
}

/// <param name="ChatRequests">Requests to the <c>chat</c> and user containers (the sweep's member query; the feed's read of an unannounced conversation).</param>
/// <param name="StateRequests">Requests to the <c>events</c> container.</param>
/// <param name="StateDocumentsWritten">Documents written there, and their stored bytes.</param>
/// <param name="PublishRequests">Requests to the Event Grid topic.</param>
/// <param name="PerRecipientDesignWrites">What a design with one pending document per recipient would write for the same change.</param>
public sealed record EventCostRow(
    string Operation,
    int Members,
    long ChatRequests,
    long StateRequests,
    long StateDocumentsWritten,
    long StateBytesWritten,
    int PublishRequests,
    int DomainEvents,
    int Notifications,
    int PerRecipientDesignWrites);
