using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Digests;

/// <summary>
/// Output caching of the public digest pages and exports, evicted whenever a digest is (re)built on this instance
/// (builds are a few a day, so evicting every topic's pages costs nothing). Other instances keep a cached page at
/// most <see cref="Duration"/>.
/// </summary>
public sealed class DigestCache(IOutputCacheStore store)
{
    public const string Policy = "digests";
    public const string Tag = "digests";
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    public async Task EvictAsync(CancellationToken cancellationToken) => await store.EvictByTagAsync(Tag, cancellationToken);
}
