using System.Globalization;
using Chat.TestSupport;

namespace Chat.Benchmarks;

/// <summary>
/// The exact cost table (<see cref="CostTable"/>, counted on the store double, not timed) for groups of 2, 10 and 100
/// members, with the SPEC section 5 budget of each operation beside it.
/// </summary>
public static class CostReport
{
    private static readonly Dictionary<string, string> Budgets = new(StringComparer.Ordinal)
    {
        ["send"] = "<= 2 requests; never invalidated by a receipt; 1 write per member",
        ["delivery receipt"] = "1 document <= 2 KB of its author; no list write",
        ["read receipt"] = "1 document <= 2 KB of its author; only the reader's list entry",
        ["edit"] = "<= 3 requests; 1 group message",
        ["reaction"] = "<= 3 requests; 1 group message",
        ["typing"] = "3 requests (1 chat, 2 typing); 1 group message; no list write",
        ["mute (me)"] = "1 small member document; only the caller's list entry",
        ["rename"] = "1 batch; 1 group message + 1 conversationUpdated per member (the title is in each member's view, SPEC 4)",
        ["add member"] = "1 batch; O(1) group messages + 1 group action per added user",
        ["remove member"] = "1 batch; O(1) group messages + 1 group action per removed user",
        ["history page (50)"] = "2 single-partition requests (3 with replies outside the page)",
        ["changes page"] = "1 indexed query per page + the members read",
        ["sync"] = "1 query in the caller's partition",
        ["conversation get"] = "1 query + 1 ReadMany of the members' presence (1 request per physical partition)",
        ["presence get"] = "1 query in the caller's partition + 1 ReadMany of the visible users",
        ["connect (2nd device)"] = "point read + 1 write + 1 query; 1 group join per conversation (by connection id); nothing announced",
        ["disconnect (1 of 2)"] = "point read + 1 write; nothing announced",
        ["disconnect (last)"] = "point read + 1 write; offline grace starts, nothing announced yet",
        ["sweep: went offline"] = "due query + 1 write + 1 query; 1 message per conversation",
        ["connect (1st device)"] = "point read + 1 write + 1 query; 1 group join and 1 message per conversation",
        ["sweep: leases renewed"] = "due query + 1 write per connection (+1 SignalR REST check each)",
    };

    public static async Task PrintAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Cost per operation (exact counts on the store double; Cosmos requests = store requests, one per call but for creates that fall back)");
        Console.WriteLine(F($"{"operation",-22} {"members",7} {"requests",8} {"docs",5} {"bytes",7} {"largest",8} {"proj req",8} {"proj writes",11} {"SignalR",7} {"presence read",13}  budget"));
        foreach (var members in CostTable.GroupSizes)
        {
            foreach (var row in await CostTable.MeasureAsync(members))
            {
                Console.WriteLine(F($"{row.Operation,-22} {row.Members,7} {row.Requests,8} {row.DocumentsWritten,5} {row.BytesWritten,7} {row.LargestDocumentBytes,8} {row.ProjectionRequests,8} {row.ProjectionWrites,11} {row.RealtimeMessages,7} {row.PresenceDocumentsRead,13}  {Budgets[row.Operation]}"));
            }
        }

        Console.WriteLine("docs/bytes/largest: documents written on the request path and the stored JSON size; proj: the change-feed projection for that change; SignalR: messages sent and group actions (the request's events and group changes, and the projection's conversationUpdated); presence read: presence documents read.");

        Console.WriteLine();
        Console.WriteLine("Events to the app's backend and read-aware notifications (exact counts on the doubles, off the request path)");
        Console.WriteLine(F($"{"operation",-34} {"members",7} {"chat req",8} {"state req",9} {"state docs",10} {"state bytes",11} {"EG req",6} {"events",6} {"notif.",6} {"per-recipient writes",20}"));
        foreach (var members in CostTable.GroupSizes)
        {
            foreach (var row in await EventCostTable.MeasureAsync(members))
            {
                Console.WriteLine(F($"{row.Operation,-34} {row.Members,7} {row.ChatRequests,8} {row.StateRequests,9} {row.StateDocumentsWritten,10} {row.StateBytesWritten,11} {row.PublishRequests,6} {row.DomainEvents,6} {row.Notifications,6} {row.PerRecipientDesignWrites,20}"));
            }
        }

        Console.WriteLine("state: the publisher's per-conversation document (events container); EG req: Event Grid publish requests; per-recipient writes: what one pending document per recipient would write instead of one state write.");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
