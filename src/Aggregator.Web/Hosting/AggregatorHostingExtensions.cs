using Aggregator.Admin;
using Aggregator.Cli;
using Aggregator.Fetching;
using Aggregator.Ingestion;
using Aggregator.Scheduling;
using Aggregator.Storage;

namespace Aggregator.Hosting;

public static class AggregatorHostingExtensions
{
    public static WebApplicationBuilder AddAggregator(this WebApplicationBuilder builder, bool isCli)
    {
        builder.AddAggregatorLogging(logsToStandardError: isCli);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddFetching();
        builder.Services.AddIngestion();
        builder.AddScheduling();
        builder.AddAggregatorHealthChecks();
        builder.Services.AddScoped<AdminAccounts>();
        builder.Services.AddCliCommands();
        builder.Services.AddRazorPages();
        return builder;
    }

    public static WebApplication UseAggregator(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAggregatorHealthChecks();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Migrates before the server and the scheduler start (unless Database:MigrateOnStartup is false).</summary>
    public static async Task MigrateOnStartupAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
    }
}
