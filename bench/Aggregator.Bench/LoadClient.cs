using System.Diagnostics;

namespace Aggregator.Bench;

/// <summary>Figures of one load run: completed requests per second, latency percentiles, and responses that were not 200.</summary>
public sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, int Errors);

/// <summary>
/// A bounded closed-loop load on 127.0.0.1: <c>connections</c> workers each send the next request when the last one
/// answered, for a fixed time; or, with a target rate, requests are spaced to that rate (open loop) so latency is
/// measured at a load the server is meant to carry.
/// </summary>
public static class LoadClient
{
    public static async Task<LoadResult> RunAsync(HttpClient client, Func<int, string> path, int connections, TimeSpan duration, double? ratePerSecond = null)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var interval = ratePerSecond is { } rate ? TimeSpan.FromSeconds(connections / rate) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var next = stopwatch.Elapsed + interval * worker / connections;
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = next - stopwatch.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                    next += interval;
                }
                var started = stopwatch.Elapsed;
                using var response = await client.GetAsync(path(worker * 1_000_000 + i), HttpCompletionOption.ResponseContentRead);
                mine.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                if ((int)response.StatusCode != 200) Interlocked.Increment(ref errors);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(all.Length / stopwatch.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99), errors);
    }
}
