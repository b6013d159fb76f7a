using Aggregator.Storage;
using Quartz;

namespace Aggregator.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz.NET with its clustered ADO.NET job store in the app's own PostgreSQL: every instance runs a scheduler,
    /// the store's row locks make each fire run on exactly one of them. Quartz creates and owns its qrtz_* tables.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetAggregatorConnectionString();
        var options = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        builder.Services.AddQuartz(quartz =>
        {
            // Clustering gives each instance its own generated id, which is what the cluster tells nodes apart by.
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = "aggregator");
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.UseExecutionHistory();
                store.UseClustering(clustering =>
                {
                    clustering.CheckinInterval = options.ClusterCheckinInterval;
                    clustering.CheckinMisfireThreshold = options.ClusterCheckinInterval * 2;
                });
            });
        });
        builder.Services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        builder.Services.AddScoped<ScheduleSynchronizer>();
        builder.Services.AddScoped<TopicScheduleControl>();
        builder.Services.AddHostedService<ScheduleSynchronizerService>();
        return builder;
    }
}

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often each instance tells the cluster it is alive; a silent peer's jobs are recovered after twice this.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);
}
