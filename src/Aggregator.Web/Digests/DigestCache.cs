using Aggregator.Storage;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

/// <summary>
/// Output caching of the public digest pages and exports. Publishing a digest evicts them on this instance and, through
/// PostgreSQL <c>NOTIFY</c>, on every other instance sharing the database (<see cref="DigestCacheListener"/>), so no
/// reader sees yesterday's version for the cache's lifetime. Builds are a few a day: evicting every topic's pages costs
/// nothing.
/// </summary>
public sealed class DigestCache(IOutputCacheStore store, AppDbContext db)
{
    public const string Policy = "digests";
    public const string Tag = "digests";
    public const string Channel = "aggregator_digest_published";
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        await EvictLocallyAsync(store, cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", cancellationToken);
    }

    public static ValueTask EvictLocallyAsync(IOutputCacheStore store, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(Tag, cancellationToken);
}
