using Aggregator.Admin;
using Aggregator.Storage;
using Hangfire;
using Hangfire.PostgreSql;

namespace Aggregator.Scheduling;

public static class SchedulingExtensions
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Hangfire keeps its tables in this schema of the app's database; it creates and upgrades them itself.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// Hangfire with its job store in the app's own PostgreSQL: every instance runs a server, and the store hands each
    /// enqueued job and each recurring fire to exactly one of them. <paramref name="runServer"/> is false for CLI
    /// verbs, which only read and write the store.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder, bool runServer)
    {
        var connectionString = builder.Configuration.GetAggregatorConnectionString();
        var settings = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection(SchedulerOptions.Section));
        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                InvisibilityTimeout = settings.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
            }));
        if (runServer)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                server.WorkerCount = settings.WorkerCount;
                server.SchedulePollingInterval = settings.PollingInterval;
            });
            builder.Services.AddHostedService<ScheduleSynchronizerService>();
        }
        builder.Services.AddScoped<ScheduleSynchronizer>();
        builder.Services.AddScoped<TopicJobs>();
        return builder;
    }

    /// <summary>
    /// Hangfire's dashboard at /admin/jobs: the admin policy guards the endpoint like every admin page (anonymous
    /// users are sent to sign in, others are refused), and the dashboard's own filter checks the role again.
    /// Its buttons post with the app's antiforgery token.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            AppPath = "/admin",
            DashboardTitle = "Aggregator jobs",
            DisplayStorageConnectionString = false,
            IgnoreAntiforgeryToken = false,
        }).RequireAuthorization(AdminAuthentication.AdminPolicy);
        return app;
    }
}
