using Aggregator.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aggregator.Stories;

public static class StoriesServiceCollectionExtensions
{
    /// <summary>The placement stage (the embedder, one model per process; the embedding and story stores) and the story pages' reader.</summary>
    public static IServiceCollection AddStories(this IServiceCollection services)
    {
        services.TryAddSingleton<IHeadlineEmbedder>(MiniLmEmbedder.Shared);
        return services.AddScoped<EmbeddingRows>().AddScoped<StoryRows>().AddScoped<EmbeddingStore>().AddScoped<StoryStore>().AddScoped<StoryPages>();
    }
}
