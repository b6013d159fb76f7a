namespace Aggregator.Cli;

public static class CliServiceCollectionExtensions
{
    public static IServiceCollection AddCliCommands(this IServiceCollection services)
    {
        services.AddScoped<CliCommand, MigrateCommand>();
        services.AddScoped<CliCommand, CreateAdminCommand>();
        services.AddScoped<CliCommand, ImportFeedCommand>();
        services.AddScoped<CliCommand, FetchCommand>();
        services.AddScoped<CliCommand, SeedRegistryCommand>();
        services.AddScoped<CliCommand, BuildDigestCommand>();
        services.AddScoped<CliCommand, ExportDigestCommand>();
        services.AddScoped<CliCommand, BackupCommand>();
        services.AddScoped<CliCommand, RestoreCommand>();
        services.AddScoped<CliCommand, ClusterStoriesCommand>();
        services.AddScoped<CliCommand, ExtractArticleCommand>();
        services.AddScoped<CliCommand, ReclusterCommand>();
        services.AddScoped<CliCommand, ReplayCommand>();
        services.AddScoped<Storage.DatabaseBackup>();
        return services;
    }
}
