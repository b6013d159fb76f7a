using Aggregator.Storage;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Caching;

/// <summary>
/// Anonymous readers' pages (home, topic, digest, exports, trends, /outlets), output-cached on each instance. Whoever
/// changes what they show (publishing a digest, editing a topic or the registry, discovering outlets) calls
/// <see cref="EvictAsync"/>: this instance's copies go at once, and every instance's, this one's included, when the
/// change commits (<see cref="ReaderPageChanges"/>, heard by <see cref="ReaderPageCacheListener"/>). Changes are a few
/// a day: evicting every topic's pages costs nothing. Hosts without a page cache (verbs, tests of the pipeline) only
/// send the notification.
/// </summary>
public sealed class ReaderPageCache(AppDbContext db, IOutputCacheStore? store = null)
{
    public const string Policy = "reader-pages";
    /// <summary>The same, for pages that read one query parameter (trends: <c>days</c>), which is part of the key.</summary>
    public const string TrendsPolicy = "reader-pages-trends";
    public const string Tag = "reader-pages";
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        if (store is not null) await store.EvictByTagAsync(Tag, cancellationToken);
        await ReaderPageChanges.NotifyAsync(db, cancellationToken);
    }
}

public static class ReaderPageCacheServiceCollectionExtensions
{
    /// <summary>The cache service every writer injects (hosts without a page cache, such as pipeline tests, add only this).</summary>
    public static IServiceCollection AddReaderPageCache(this IServiceCollection services) => services.AddScoped<ReaderPageCache>();

    /// <summary>The output cache of readers' pages, its policies, and the listener that evicts it on every change.</summary>
    public static IHostApplicationBuilder AddReaderPageCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReaderPageCache();
        builder.Services.AddHostedService<ReaderPageCacheListener>();
        builder.Services.AddOutputCache(options =>
        {
            // Digest pages and exports read no query parameter: "?x=1" must not make a new entry (or a cache miss).
            var varyByHost = builder.Configuration.GetSection(Hosting.PublicSiteOptions.Section).Get<Hosting.PublicSiteOptions>()?.PublicBase is null;
            options.AddPolicy(ReaderPageCache.Policy, policy => ReaderPage(policy, varyByHost).SetVaryByQuery([]));
            // Trends read "days" alone, and refuse any value but their three ranges, so at most four entries exist.
            options.AddPolicy(ReaderPageCache.TrendsPolicy, policy => ReaderPage(policy, varyByHost).SetVaryByQuery("days"));
        });
        return builder;
    }

    /// <summary>
    /// Anonymous readers' pages, kept until a publication or registry change evicts them, or five minutes. The key is the
    /// lower-cased path (other spellings are redirected to it, see CanonicalPaths) and, only when no public address is
    /// configured, the request's host (absolute links then follow it): with Hosting:PublicBaseUrl set, no Host header a
    /// client invents makes a new entry.
    /// </summary>
    private static OutputCachePolicyBuilder ReaderPage(OutputCachePolicyBuilder policy, bool varyByHost) => policy
        .Expire(ReaderPageCache.Duration)
        .Tag(ReaderPageCache.Tag)
        .SetVaryByHost(varyByHost)
        .VaryByValue(context => new("path", context.Request.Path.Value?.ToLowerInvariant() ?? ""))
        .With(context => !context.HttpContext.User.Identity!.IsAuthenticated);
}
