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

    /// <summary>What clients send: none (no compression), a gzip-only client, and what browsers and mobile HTTP stacks send.</summary>
    public static readonly string?[] WireEncodings = [null, "gzip", "gzip, deflate, br"];

    public static void PrintWireHeader(Transport transport)
    {
        Console.WriteLine();
        Console.WriteLine(transport == Transport.Loopback
            ? "Bytes on the wire (raw socket, exact; body includes chunk framing when there is no Content-Length):"
            : "Bytes as HTTP/1.1 would frame them (estimate, no socket):");
        Console.WriteLine(F($"{"answer",-28} {"Accept-Encoding",-18} {"response B",11} {"headers B",10} {"body B",8} {"request B",10}"));
    }

    public static void PrintWire(string answer, string? acceptEncoding, WireSize wire) =>
        Console.WriteLine(F($"{answer,-28} {acceptEncoding ?? "(none)",-18} {wire.ResponseBytes,11} {wire.ResponseBytes - wire.BodyBytes,10} {wire.BodyBytes,8} {wire.RequestBytes,10}"));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
