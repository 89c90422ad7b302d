using System.Globalization;
using System.Net;
using System.Runtime;
using System.Runtime.InteropServices;
using Chat.Benchmarks;

// FuncChat HTTP benchmark: send, history page (50) and mark-read through the real handlers on the in-memory store
// doubles, next to a bare JSON endpoint, in one run on one machine. See docs/performance.md.
//   dotnet run -c Release --project bench/Chat.Benchmarks -- [--seconds S] [--read-pool N] [--concurrency C] [--transport loopback|testserver|both] [--costs-only]
var options = BenchOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;

Console.WriteLine("FuncChat HTTP benchmark");
Console.WriteLine(string.Create(culture, $"  date (UTC)   {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}"));
Console.WriteLine(string.Create(culture, $"  machine      {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}"));
Console.WriteLine(string.Create(culture, $"  runtime      {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
Console.WriteLine(string.Create(culture, $"  load         {options.Seconds:0.#} s measured per operation after {options.WarmupSeconds:0.#} s warm-up and a whole warm-up pass on a throw-away host; {options.Concurrency} concurrent clients (closed loop)"));
Console.WriteLine("  store        in-memory doubles (Chat.TestSupport), not Cosmos DB; realtime events counted, not published");

await CostReport.PrintAsync();
if (options.CostsOnly)
{
    return;
}

foreach (var transport in options.Transports)
{
    // A whole pass on a throw-away host first: JIT tiering and PGO are process-wide, so the measured pass runs on
    // settled code, on a fresh host (fresh doubles) whose data is exactly what the operations need.
    await RunAsync(transport, options.WarmupPass, print: false);
    await RunAsync(transport, options, print: true);
}

Console.WriteLine();
Console.WriteLine(Environment.GetEnvironmentVariable("CHAT_TEST_COSMOS_CONNECTION") is { Length: > 0 }
    ? "Cosmos DB round trips: CHAT_TEST_COSMOS_CONNECTION is set, but this driver measures the in-memory double only; the Cosmos contract tests assert the round-trip budgets (dotnet test Chat.Tests/Chat.Tests.csproj)."
    : "Cosmos DB round trips: not measured here (needs CHAT_TEST_COSMOS_CONNECTION and the Cosmos contract tests); see docs/data-model.md#access-paths.");

async Task RunAsync(Transport transport, BenchOptions pass, bool print)
{
    await using var host = await BenchHost.StartAsync(transport);
    using var scenario = new Scenario(host, pass.Concurrency);
    var results = new List<Measurement>();

    // The baseline runs before and after every operation, and each operation is compared with the two around it, so
    // a slow or fast spell of a shared machine moves both sides of a ratio. History first, before anything else is
    // stored: the double's history query scans every stored message, so it would otherwise measure the double.
    await scenario.PrepareHistoryAsync();
    results.Add(await MeasureAsync(Report.Baseline, HttpStatusCode.OK, scenario.BaselineAsync));
    results.Add(await MeasureAsync($"history page ({Scenario.PageSize} msgs)", HttpStatusCode.OK, scenario.HistoryAsync));
    results.Add(await MeasureAsync(Report.Baseline, HttpStatusCode.OK, scenario.BaselineAsync));
    await scenario.PrepareReadAsync(pass.ReadPool);
    results.Add(await MeasureAsync("mark-read", HttpStatusCode.OK, scenario.MarkReadAsync, () => scenario.ReadsLeft));
    results.Add(await MeasureAsync(Report.Baseline, HttpStatusCode.OK, scenario.BaselineAsync));
    await scenario.PrepareSendAsync();
    results.Add(await MeasureAsync("send", HttpStatusCode.Created, scenario.SendAsync));
    results.Add(await MeasureAsync(Report.Baseline, HttpStatusCode.OK, scenario.BaselineAsync));
    if (!print)
    {
        return;
    }

    Report.Print(transport, results);
    await host.ProjectAsync();
    Report.PrintWireHeader(transport);
    foreach (var (name, path) in new[] { ($"history page ({Scenario.PageSize} msgs)", scenario.HistoryPath), ($"conversation list ({Scenario.PageSize})", Scenario.ListPath) })
    {
        foreach (var encoding in Report.WireEncodings)
        {
            Report.PrintWire(name, encoding, await MeasureWireAsync(path, encoding));
        }
    }

    async Task<WireSize> MeasureWireAsync(string path, string? acceptEncoding)
    {
        if (transport == Transport.Loopback)
        {
            return await Wire.MeasureGetAsync(host.BaseAddress, path, BenchHost.TokenFor(Scenario.Alice), acceptEncoding);
        }

        using var client = host.ClientFor(Scenario.Alice, 1);
        return await Wire.EstimateAsync(client, path, acceptEncoding);
    }

    async Task<Measurement> MeasureAsync(string name, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send, Func<int>? left = null)
    {
        // Mark-read needs a fresh conversation per request: warm-up takes at most a fifth of them, measurement the rest.
        left ??= () => int.MaxValue;
        var warmupCap = left() == int.MaxValue ? int.MaxValue : left() / 5;
        await Driver.MeasureAsync(name, TimeSpan.FromSeconds(pass.WarmupSeconds), warmupCap, pass.Concurrency, expected, host.Store, send);
        return await Driver.MeasureAsync(name, TimeSpan.FromSeconds(pass.Seconds), left(), pass.Concurrency, expected, host.Store, send);
    }
}
