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
            options.AddPolicy(DigestCache.Policy, policy => ReaderPage(policy).SetVaryByQuery([]));
            // Trends read "days" alone, and refuse any value but their three ranges, so at most four entries exist.
            options.AddPolicy(DigestCache.TrendsPolicy, policy => ReaderPage(policy).SetVaryByQuery("days"));
        });
        return builder;
    }

    /// <summary>Anonymous readers' pages, kept until a publication or registry change evicts them, or five minutes.</summary>
    private static OutputCachePolicyBuilder ReaderPage(OutputCachePolicyBuilder policy) => policy
        .Expire(DigestCache.Duration)
        .Tag(DigestCache.Tag)
        // The host too: without a configured public address, absolute links follow the request's host.
        .VaryByValue(context => new("path", $"{context.Request.Host}{context.Request.Path}"))
        .With(context => !context.HttpContext.User.Identity!.IsAuthenticated);
}
