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
        ["history page (50)"] = "2 single-partition requests (3 with replies outside the page)",
        ["changes page"] = "1 indexed query per page + the members read",
        ["sync"] = "1 query in the caller's partition",
    };

    public static async Task PrintAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Cost per operation (exact counts on the store double; Cosmos requests = store requests, one per call but for creates that fall back)");
        Console.WriteLine(F($"{"operation",-19} {"members",7} {"requests",8} {"docs",5} {"bytes",7} {"largest",8} {"proj req",8} {"proj writes",11} {"SignalR",7}  budget"));
        foreach (var members in CostTable.GroupSizes)
        {
            foreach (var row in await CostTable.MeasureAsync(members))
            {
                Console.WriteLine(F($"{row.Operation,-19} {row.Members,7} {row.Requests,8} {row.DocumentsWritten,5} {row.BytesWritten,7} {row.LargestDocumentBytes,8} {row.ProjectionRequests,8} {row.ProjectionWrites,11} {row.RealtimeMessages,7}  {Budgets[row.Operation]}"));
            }
        }

        Console.WriteLine("docs/bytes/largest: documents written on the request path and the stored JSON size; proj: the change-feed projection for that change; SignalR: messages sent (the request's events and the projection's conversationUpdated).");

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
