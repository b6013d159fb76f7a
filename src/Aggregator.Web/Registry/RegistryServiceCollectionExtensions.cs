namespace Aggregator.Registry;

public static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services) => services
        .AddScoped<RegistryEditor>()
        .AddScoped<RegistryImporter>()
        .AddScoped<RegistrySeeder>()
        .AddScoped<PublicRegistry>();
}
