using Aggregator.Classification;

namespace Aggregator.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services) => services
        .AddScoped<OutletClassifier>()
        .AddSingleton<ProvisionalSides>()
        .AddScoped<FeedIngestor>()
        .AddScoped<FeedFileImporter>()
        .AddScoped<TopicRefresher>()
        .AddScoped<PublisherLinks>()
        .AddScoped<ArticleTexts>();
}
