using System.Globalization;

namespace Chat.Benchmarks;

public static class Report
{
    public const string Baseline = "baseline";
    public const string StoreCallsLabel = "store-port calls (in-memory double), not Cosmos requests";

    /// <summary>
    /// One row per measurement, in run order. An operation's ratio and extra allocations are relative to the mean of
    /// the baseline runs just before and just after it.
    /// </summary>
    public static void Print(Transport transport, IReadOnlyList<Measurement> results)
    {
        Console.WriteLine();
        Console.WriteLine(transport == Transport.Loopback
            ? "Transport: Kestrel on 127.0.0.1 (real sockets, HTTP/1.1), HttpClient in the same process"
            : "Transport: in-process TestServer (no sockets), HttpClient in the same process");
        Console.WriteLine(F($"{"operation",-26} {"requests",9} {"req/s",9} {"x baseline",10} {"alloc B/req",12} {"over baseline",14} {"store calls/op",15}  breakdown"));
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Operation == Baseline)
            {
                Console.WriteLine(F($"{r.Operation,-26} {r.Requests,9} {r.RequestsPerSecond,9:0} {"",10} {r.AllocatedPerRequest,12:0} {"",14} {r.StoreCallsPerRequest,15:0.##}"));
                continue;
            }

            var around = new[] { results[i - 1], results[i + 1] };
            var ratio = r.RequestsPerSecond / around.Average(b => b.RequestsPerSecond);
            var extra = Math.Round(r.AllocatedPerRequest - around.Average(b => b.AllocatedPerRequest)) + 0.0;
            var breakdown = string.Join(", ", r.StoreCalls.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => F($"{c.Key.Replace("Async", "", StringComparison.Ordinal)} {c.Value / (double)r.Requests:0.##}")));
            Console.WriteLine(F($"{r.Operation,-26} {r.Requests,9} {r.RequestsPerSecond,9:0} {ratio,10:0.00} {r.AllocatedPerRequest,12:0} {extra,14:0} {r.StoreCallsPerRequest,15:0.##}  {breakdown}"));
        }

        Console.WriteLine(F($"x baseline = req/s / mean req/s of the baseline runs just before and after; allocations are the whole process's (server + client + transport) per request; store calls = {StoreCallsLabel}."));
    }

    public static void PrintWire(WireSize wire)
    {
        Console.WriteLine(wire.Exact
            ? F($"History page of {Scenario.PageSize} messages on the wire (raw socket, exact): response {wire.ResponseBytes} B (headers {wire.ResponseBytes - wire.BodyBytes} B, body {wire.BodyBytes} B incl. chunk framing, no compression); request {wire.RequestBytes} B")
            : F($"History page of {Scenario.PageSize} messages as HTTP/1.1 would frame it (estimate, no socket): response {wire.ResponseBytes} B (body {wire.BodyBytes} B, no compression); request {wire.RequestBytes} B"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
