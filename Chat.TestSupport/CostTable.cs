using Chat.Shared.Application;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Chat.Shared.Realtime;

namespace Chat.TestSupport;

/// <summary>
/// The exact cost of each hot operation in a group of a given size, counted on the store double (what the Cosmos DB
/// store would send and write, not timed): Cosmos requests (chat, typing and presence containers), documents and bytes
/// written, the largest document written, the change-feed projection's requests and writes for the change, the
/// SignalR operations (the request's own events and group actions plus the projection's events), and the presence
/// documents read. The benchmark prints it; the budget tests assert it.
/// </summary>
public static class CostTable
{
    public static readonly IReadOnlyList<int> GroupSizes = [2, 10, 100];

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Every operation of the table in a group of <paramref name="members"/> members (the caller included).</summary>
    public static async Task<IReadOnlyList<CostRow>> MeasureAsync(int members)
    {
        var h = new ChatHarness();
        var users = Enumerable.Range(0, members).Select(i => new ChatUser($"member{i:D3}", $"Member {i}")).ToList();
        var (sender, reader) = (users[0], users[1]);
        var id = (await h.Conversations.CreateAsync(sender, new CreateConversationRequest(users.Skip(1).Select(u => u.Id).ToList(), "Team", Key: "cost-table"), None)).Value.Id;
        for (var i = 0; i < 60; i++)
        {
            var warm = await h.Messages.SendAsync(sender, id, new SendMessageRequest($"warm-{i}", $"message {i} with some ordinary text"), None);
            if (i == 0)
            {
                // The reader has acknowledged a delivery before: the measured receipt moves an existing position.
                await h.Receipts.MarkDeliveredAsync(reader, id, new MarkPositionRequest(warm.Value.Id), None);
            }
        }

        await h.ProjectAsync();
        var changesToken = (await h.Sync.GetChangesAsync(reader, id, new ChangesRequest(), None)).Token;
        h.Clock.Advance(h.Options.Sync.ClockMargin + TimeSpan.FromSeconds(1));
        var syncToken = (await h.Sync.GetSyncAsync(reader, new SyncRequest(), None)).Token;
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        string latest = "";
        var rows = new List<CostRow>
        {
            await MeasureAsync(h, "send", members, async () =>
            {
                var sent = await h.Messages.SendAsync(sender, id, new SendMessageRequest("measured", "hello team"), None);
                latest = sent.Value.Id;
                return sent.Events.Count;
            }),
            await MeasureAsync(h, "delivery receipt", members, async () =>
                (await h.Receipts.MarkDeliveredAsync(reader, id, new MarkPositionRequest(latest), None)).Events.Count),
            await MeasureAsync(h, "read receipt", members, async () => (await h.Receipts.MarkReadAsync(reader, id, new MarkPositionRequest(), None)).Events.Count),
        };
        rows.Add(await MeasureAsync(h, "edit", members, async () =>
            (await h.Messages.EditAsync(sender, id, latest, new EditMessageRequest("hello team, edited"), None)).Events.Count));
        rows.Add(await MeasureAsync(h, "reaction", members, async () =>
            (await h.Messages.ReactAsync(reader, id, latest, "👍", add: true, None)).Events.Count));
        rows.Add(await MeasureAsync(h, "typing", members, async () =>
            (await h.TypingService.SetAsync(reader, id, new TypingRequest(true), None)).Events.Count));
        rows.Add(await MeasureAsync(h, "mute (me)", members, async () =>
        {
            await h.Membership.UpdateMeAsync(reader, id, new UpdateMeRequest(System.Text.Json.JsonSerializer.SerializeToElement(true)), None);
            return 0;
        }));
        rows.Add(await MeasureAsync(h, "rename", members, async () =>
            SignalROperations(await h.Membership.UpdateAsync(sender, id, new UpdateConversationRequest("Team, renamed"), None))));
        // The last member is removed and added back, so the group stays within its size (100 is the limit).
        var last = users[^1].Id;
        rows.Add(await MeasureAsync(h, "remove member", members, async () =>
            SignalROperations(await h.Membership.RemoveParticipantAsync(sender, id, last, None))));
        rows.Add(await MeasureAsync(h, "add member", members, async () =>
            SignalROperations(await h.Membership.AddParticipantsAsync(sender, id, new AddParticipantsRequest([last]), None))));
        rows.Add(await MeasureAsync(h, "history page (50)", members, async () =>
        {
            await h.Messages.GetHistoryAsync(reader, id, new HistoryRequest(Limit: 50), None);
            return 0;
        }));
        rows.Add(await MeasureAsync(h, "changes page", members, async () =>
        {
            await h.Sync.GetChangesAsync(reader, id, new ChangesRequest(changesToken, Limit: 50), None);
            return 0;
        }));
        rows.Add(await MeasureAsync(h, "sync", members, async () =>
        {
            await h.Sync.GetSyncAsync(reader, new SyncRequest(syncToken), None);
            return 0;
        }));
        rows.AddRange(await MeasurePresenceAsync(h, id, users));
        return rows;
    }

    /// <summary>
    /// Presence in the same group, every member connected with one device: the conversation view and <c>GET
    /// /api/presence</c> for the other members (what they read), then one member's connection events and the sweep.
    /// </summary>
    private static async Task<List<CostRow>> MeasurePresenceAsync(ChatHarness h, string id, List<ChatUser> users)
    {
        var (member, reader, members) = (users[0], users[1], users.Count);
        for (var i = 0; i < users.Count; i++)
        {
            await h.ConnectAsync(users[i], $"device-{i}");
        }

        var others = string.Join(',', users.Where(u => u != reader).Select(u => u.Id).Take(h.Options.Presence.MaxUserIds));
        var rows = new List<CostRow>
        {
            await MeasureAsync(h, "conversation get", members, async () =>
            {
                await h.Conversations.GetAsync(reader, id, None);
                return 0;
            }),
            await MeasureAsync(h, "presence get", members, async () =>
            {
                await h.PresenceService.GetAsync(reader, new PresenceRequest(others), None);
                return 0;
            }),
            await MeasureAsync(h, "connect (2nd device)", members, async () => SignalROperations(await h.ConnectWithGroupsAsync(member, "second-device"))),
            await MeasureAsync(h, "disconnect (1 of 2)", members, async () => (await h.DisconnectAsync(member, "second-device")).Count),
            await MeasureAsync(h, "disconnect (last)", members, async () => (await h.DisconnectAsync(member, "device-0")).Count),
        };
        h.Clock.Advance(h.Options.Presence.OfflineGrace);
        rows.Add(await MeasureAsync(h, "sweep: went offline", members, async () => (await h.SweepPresenceAsync()).Events.Count));
        rows.Add(await MeasureAsync(h, "connect (1st device)", members, async () => SignalROperations(await h.ConnectWithGroupsAsync(member, "device-0-again"))));
        h.Clock.Advance(h.Options.Presence.ConnectionLease);
        rows.Add(await MeasureAsync(h, "sweep: leases renewed", members, async () => (await h.SweepPresenceAsync()).Events.Count));
        return rows;
    }

    /// <summary>What a membership change costs SignalR: its events and its group actions (each one call to the service).</summary>
    private static int SignalROperations<T>(ChatResult<T> result) => result.Events.Count + result.Groups.Count;

    private static int SignalROperations(SignalRActions actions) => actions.Events.Count + actions.Groups.Count;

    private static async Task<CostRow> MeasureAsync(ChatHarness h, string operation, int members, Func<Task<int>> run)
    {
        h.Store.Metrics.Reset();
        var typingBefore = h.Typing.Requests;
        h.Presence.ResetDocumentsRead();
        var messages = await run();
        var request = h.Store.Metrics.Take();
        var typingRequests = h.Typing.Requests - typingBefore;
        var largest = h.Store.Metrics.LargestDocument;
        var presenceReads = h.Presence.DocumentsRead;
        h.Store.Metrics.Reset();
        var projected = await h.ProjectAsync();
        var projection = h.Store.Metrics.Take();
        return new CostRow(operation, members, request.Requests + typingRequests, request.DocumentsWritten, request.BytesWritten, largest,
            projection.Requests, projection.ProjectionWrites, messages + projected.Count, presenceReads);
    }
}

/// <summary>One operation's exact cost (see <see cref="CostTable"/>).</summary>
public sealed record CostRow(
    string Operation,
    int Members,
    long Requests,
    long DocumentsWritten,
    long BytesWritten,
    long LargestDocumentBytes,
    long ProjectionRequests,
    long ProjectionWrites,
    int RealtimeMessages,
    long PresenceDocumentsRead = 0);
