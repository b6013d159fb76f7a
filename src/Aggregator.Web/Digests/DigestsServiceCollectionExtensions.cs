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
            options.AddPolicy(DigestCache.Policy, policy => policy
                .Expire(DigestCache.Duration)
                .Tag(DigestCache.Tag)
                // The host too: without a configured public address, absolute links follow the request's host.
                .VaryByValue(context => new("path", $"{context.Request.Host}{context.Request.Path}"))
                // Digest pages and exports read no query parameter: "?x=1" must not make a new entry (or a cache miss).
                .SetVaryByQuery([])
                .With(context => !context.HttpContext.User.Identity!.IsAuthenticated)));
        return builder;
    }
}
