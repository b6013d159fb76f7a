using Aggregator.Admin;
using Aggregator.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

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
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        };
        // Hangfire's defaults for these two are process-wide statics (JobStorage.Current, JobActivator.Current) that
        // the last host to start overwrites. Registered per host instead, every server, client and dashboard of this
        // host uses this host's job store and runs jobs in this host's services, even when several hosts share a
        // process (the two-instance tests) and one of them has already stopped.
        // Resolving IGlobalConfiguration first, as Hangfire's own registrations do, registers this host's logging first.
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            services.GetRequiredService<IGlobalConfiguration>();
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        builder.Services.AddSingleton<JobActivator>(services =>
        {
            services.GetRequiredService<IGlobalConfiguration>();
            return new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>());
        });
        builder.Services.AddSingleton(services => LiveHostsLogProvider.Register(services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHangfire((services, hangfire) =>
        {
            services.GetRequiredService<LiveHostsLogProvider.Registration>();
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(LiveHostsLogProvider.Instance);
        });
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
