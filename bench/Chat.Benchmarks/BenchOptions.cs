using System.Globalization;

namespace Chat.Benchmarks;

/// <param name="Seconds">Measured time per operation.</param>
/// <param name="WarmupSeconds">Warm-up time per operation, just before it is measured.</param>
/// <param name="ReadPool">Conversations prepared for mark-read (one per request: every request really moves a position).</param>
/// <param name="CostsOnly">Print the exact cost table and stop (no timed runs).</param>
public sealed record BenchOptions(double Seconds, double WarmupSeconds, int ReadPool, int Concurrency, IReadOnlyList<Transport> Transports, bool CostsOnly = false)
{
    /// <summary>A short pass over the same operations on a throw-away host, before the measured pass.</summary>
    public BenchOptions WarmupPass => this with { Seconds = 0.5, WarmupSeconds = 0.5, ReadPool = 5000 };

    public static BenchOptions Parse(string[] args)
    {
        var seconds = 2.0;
        var readPool = 80000;
        var concurrency = 8;
        IReadOnlyList<Transport> transports = [Transport.Loopback, Transport.TestServer];
        var costsOnly = args.Contains("--costs-only");
        args = args.Where(a => a != "--costs-only").ToArray();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--read-pool":
                    readPool = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--concurrency":
                    concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--transport":
                    transports = args[i + 1] switch
                    {
                        "loopback" => [Transport.Loopback],
                        "testserver" => [Transport.TestServer],
                        "both" => [Transport.Loopback, Transport.TestServer],
                        var other => throw new ArgumentException($"Unknown transport '{other}': loopback, testserver or both."),
                    };
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown option '{args[i]}'. Options: --seconds S, --read-pool N, --concurrency C, --transport loopback|testserver|both, --costs-only.");
            }
        }

        return new BenchOptions(seconds, Math.Min(1, seconds / 2), readPool, concurrency, transports, costsOnly);
    }
}
