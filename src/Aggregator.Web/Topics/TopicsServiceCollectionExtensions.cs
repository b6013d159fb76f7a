namespace Aggregator.Topics;

public static class TopicsServiceCollectionExtensions
{
    public static IServiceCollection AddTopics(this IServiceCollection services) => services.AddScoped<TopicEditor>();
}
