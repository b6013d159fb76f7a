using Aggregator.Storage;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

/// <summary>
/// Output caching of the public digest pages, exports, trends and the outlets page. Publishing a digest (or changing the
/// registry, see <see cref="SignalChangeAsync"/>) evicts them on this instance and, through
/// PostgreSQL <c>NOTIFY</c>, on every other instance sharing the database (<see cref="DigestCacheListener"/>), so no
/// reader sees yesterday's version for the cache's lifetime. Builds are a few a day: evicting every topic's pages costs
/// nothing.
/// </summary>
public sealed class DigestCache(IOutputCacheStore store, AppDbContext db)
{
    public const string Policy = "digests";
    /// <summary>The same, for pages that read one query parameter (trends: <c>days</c>), which is part of the key.</summary>
    public const string TrendsPolicy = "trends";
    public const string Tag = "digests";
    public const string Channel = "aggregator_digest_published";
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        await EvictLocallyAsync(store, cancellationToken);
        await SignalChangeAsync(db, cancellationToken);
    }

    /// <summary>
    /// Tells every instance (this one too) that cached reader pages are out of date, for changes made where no cache
    /// store is at hand (registry edits, newly discovered outlets). Inside a transaction it is sent at commit.
    /// </summary>
    public static Task SignalChangeAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", cancellationToken);

    public static ValueTask EvictLocallyAsync(IOutputCacheStore store, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(Tag, cancellationToken);
}
