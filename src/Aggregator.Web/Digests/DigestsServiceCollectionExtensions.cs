using Aggregator.Digests.Highlighting;

namespace Aggregator.Digests;

public static class DigestsServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DigestPublisher>();
        builder.Services.AddScoped<DigestReader>();
        builder.Services.AddScoped<Blindspots>();
        builder.Services.AddScoped<Trends>();
        builder.Services.AddHighlighting(builder.Configuration);
        return builder;
    }
}
