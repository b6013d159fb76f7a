using Microsoft.AspNetCore.OutputCaching;
using Aggregator.Digests.Highlighting;

namespace Aggregator.Digests;

public static class DigestsServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DigestPublisher>();
        builder.Services.AddScoped<DigestReader>();
        builder.Services.AddScoped<DigestCache>();
        builder.Services.AddHostedService<DigestCacheListener>();
        builder.Services.AddHighlighting(builder.Configuration);
        builder.Services.AddOutputCache(options =>
        {
            // Digest pages and exports read no query parameter: "?x=1" must not make a new entry (or a cache miss).
            var varyByHost = builder.Configuration.GetSection(Hosting.PublicSiteOptions.Section).Get<Hosting.PublicSiteOptions>()?.PublicBase is null;
            options.AddPolicy(DigestCache.Policy, policy => ReaderPage(policy, varyByHost).SetVaryByQuery([]));
            // Trends read "days" alone, and refuse any value but their three ranges, so at most four entries exist.
            options.AddPolicy(DigestCache.TrendsPolicy, policy => ReaderPage(policy, varyByHost).SetVaryByQuery("days"));
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
        .Expire(DigestCache.Duration)
        .Tag(DigestCache.Tag)
        .SetVaryByHost(varyByHost)
        .VaryByValue(context => new("path", context.Request.Path.Value?.ToLowerInvariant() ?? ""))
        .With(context => !context.HttpContext.User.Identity!.IsAuthenticated);
}
