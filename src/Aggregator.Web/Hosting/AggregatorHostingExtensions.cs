using Aggregator.Admin;
using Aggregator.Caching;
using Aggregator.Cli;
using Aggregator.Digests;
using Aggregator.Fetching;
using Aggregator.Ingestion;
using Aggregator.Registry;
using Aggregator.Replay;
using Aggregator.Scheduling;
using Aggregator.Storage;
using Aggregator.Stories;
using Aggregator.Topics;

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
        builder.Services.AddStories();
        builder.Services.AddOptions<Classification.ProvisionalSideOptions>().Bind(builder.Configuration.GetSection(Classification.ProvisionalSideOptions.Section));
        builder.AddScheduling(runServer: !isCli);
        builder.AddAggregatorHealthChecks();
        builder.Services.AddRegistry();
        builder.Services.AddTopics();
        builder.AddDigests();
        builder.AddReaderPageCaching();
        builder.Services.AddScoped<Search.ArticleSearch>();
        builder.Services.AddReplay();
        builder.AddPublicSite();
        builder.AddAdminArea();
        builder.Services.AddCliCommands();
        builder.Services.AddRazorPages(pages => pages.Conventions.AuthorizeFolder("/Admin", AdminAuthentication.AdminPolicy));
        builder.Services.Configure<RouteOptions>(routes => routes.LowercaseUrls = true);
        // Headlines in any script are written as characters; markup-significant characters are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseAggregator(this WebApplication app)
    {
        // First, so the scheme and client address are the proxy's client's from here on.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseAggregatorRequestLogging();
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseCanonicalPaths();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        // After the cache: a page served from it costs nothing and counts against no limit; only what reaches the
        // database does (sign-in attempts, searches, trends on a miss).
        app.UseRateLimiter();
        app.MapAggregatorHealthChecks();
        app.MapDigestExports();
        app.MapDayPicker();
        app.MapJobsDashboard();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Before the server and the scheduler start: migrate (unless Database:MigrateOnStartup is false), load the
    /// default registry on the first start (unless Registry:SeedOnStartup is false), create the first admin from
    /// configuration if there is none.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true)) return;
        var stopping = app.Lifetime.ApplicationStopping;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(stopping);
            var seeder = scope.ServiceProvider.GetRequiredService<RegistrySeeder>();
            if (app.Configuration.GetValue("Registry:SeedOnStartup", true) && !await seeder.HasBeenSeededAsync(stopping))
                await seeder.SeedAsync(RegistryJson.LoadDefault(), stopping);
        }
        await app.Services.BootstrapAdminAsync(app.Configuration, app.Logger, stopping);
    }
}
