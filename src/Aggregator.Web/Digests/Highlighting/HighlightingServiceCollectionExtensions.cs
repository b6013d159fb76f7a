namespace Aggregator.Digests.Highlighting;

public static class HighlightingServiceCollectionExtensions
{
    public static IServiceCollection AddHighlighting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HighlightOptions>().Bind(configuration.GetSection(HighlightOptions.Section));
        services.AddHttpClient(LlmHighlighter.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ExtractiveHighlighter>();
        services.AddSingleton<LlmHighlighter>();
        services.AddSingleton<IHighlighter, ConfiguredHighlighter>();
        return services;
    }
}
