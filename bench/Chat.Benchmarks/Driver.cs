using System.Diagnostics;
using System.Net;
using Chat.TestSupport;

namespace Chat.Benchmarks;

/// <summary>What one operation cost over a fixed number of requests.</summary>
public sealed record Measurement(string Operation, int Requests, TimeSpan Elapsed, long AllocatedBytes, IReadOnlyDictionary<string, int> StoreCalls)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double AllocatedPerRequest => AllocatedBytes / (double)Requests;

    public double StoreCallsPerRequest => StoreCalls.Values.Sum() / (double)Requests;
}

/// <summary>
/// A plain closed-loop driver: <c>concurrency</c> workers send requests back to back for <c>duration</c> (or until
/// <c>maxRequests</c> have been sent); every answer is read to the end and its status checked. Allocations are the whole process's
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>: server, client and transport together), the same way for every operation.
/// </summary>
public static class Driver
{
    public static async Task<Measurement> MeasureAsync(
        string operation, TimeSpan duration, int maxRequests, int concurrency, HttpStatusCode expected, InMemoryChatStore store,
        Func<Task<HttpResponseMessage>> send)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var callsBefore = new Dictionary<string, int>(store.Calls);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while (clock.Elapsed < duration && (index = Interlocked.Increment(ref next)) < maxRequests)
            {
                using var response = await send();
                if (response.StatusCode != expected)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    throw new InvalidOperationException($"{operation} #{index}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
                }
            }
        })));
        clock.Stop();
        var requests = Math.Min(next + 1, maxRequests);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var calls = store.Calls
            .Select(c => (c.Key, Count: c.Value - callsBefore.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        return new Measurement(operation, requests, clock.Elapsed, allocated, calls);
    }
}
