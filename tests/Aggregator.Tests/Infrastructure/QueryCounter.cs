using System.Diagnostics;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// Counts the app's SQL commands against one database while it is alive (from Npgsql's activities, which carry the
/// database name, so tests running in parallel on other databases do not count; Hangfire's polling is left out).
/// </summary>
public sealed class QueryCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public QueryCounter(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = activity.TagObjects.FirstOrDefault(tag => tag.Key is "db.statement" or "db.query.text").Value as string;
                // Hangfire polls its job store in the same database: its commands are not the app's queries.
                if (text is not null && !text.Contains("hangfire", StringComparison.OrdinalIgnoreCase)
                    && activity.TagObjects.Any(tag => tag.Key.StartsWith("db.", StringComparison.Ordinal) && Equals(tag.Value, database)))
                    Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
