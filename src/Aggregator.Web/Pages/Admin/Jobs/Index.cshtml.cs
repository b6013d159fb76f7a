using Aggregator.Scheduling;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;

namespace Aggregator.Pages.Admin.Jobs;

/// <summary>What operators would otherwise get from a scheduler dashboard, read from the clustered job store.</summary>
public sealed class IndexModel(AppDbContext db, ISchedulerFactory schedulers, TopicScheduleControl control) : AdminPageModel
{
    private const int RecentRuns = 50;

    public sealed record ScheduledJob(string Name, string? Description, string State, DateTimeOffset? PreviousFire, DateTimeOffset? NextFire);
    public sealed record RunningJob(string Job, string Instance, DateTimeOffset Started);
    public sealed record Node(string Id, string State, DateTimeOffset? LastCheckIn, bool Current);
    public sealed record Run(string Job, string Instance, DateTimeOffset Fired, TimeSpan Duration, bool Succeeded, string? Error);

    public IReadOnlyList<ScheduledJob> Scheduled { get; private set; } = [];
    public IReadOnlyList<RunningJob> Running { get; private set; } = [];
    public IReadOnlyList<Node> Nodes { get; private set; } = [];
    public IReadOnlyList<Run> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var scheduled = new List<ScheduledJob>();
        for (var skip = 0; ; skip += 100)
        {
            var page = await scheduler.QueryJobs(new JobQuery { Skip = skip, Take = 100 }, cancellationToken);
            foreach (var job in page.Items)
            {
                // Every schedule in Schedules.cs gives its trigger the job's own name and group.
                var triggerKey = new TriggerKey(job.Key.Name, job.Key.Group);
                var trigger = await scheduler.GetTrigger(triggerKey, cancellationToken);
                var state = trigger is null ? "no trigger" : (await scheduler.GetTriggerState(triggerKey, cancellationToken)).ToString();
                scheduled.Add(new ScheduledJob(job.Key.Name, job.Description, state, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc));
            }
            if (!page.HasMore) break;
        }
        Scheduled = scheduled;

        var running = await scheduler.QueryFireInstances(new FireInstanceQuery { State = FireInstanceState.Executing, Take = 100 }, cancellationToken);
        Running = running.Items.Select(f => new RunningJob(f.JobKey?.Name ?? "?", f.SchedulerInstanceId, f.FireTimeUtc)).ToList();
        Nodes = (await scheduler.QueryClusterNodes(cancellationToken))
            .Select(n => new Node(n.InstanceId, n.State.ToString(), n.LastCheckInUtc, n.IsCurrentNode)).ToList();
        Recent = await RecentRunsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostTriggerAsync(string job, CancellationToken cancellationToken)
    {
        var key = JobKeyOf(job);
        if (key.Group == Schedules.TopicGroup && key.Name.StartsWith("fetch.", StringComparison.Ordinal))
            await control.FetchNowAsync(key.Name["fetch.".Length..], cancellationToken);
        else
            await (await schedulers.GetScheduler(cancellationToken)).TriggerJob(key, new JobDataMap(), cancellationToken);
        Status($"{job} queued.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPauseAsync(string job, CancellationToken cancellationToken)
    {
        Status(await control.PauseAsync(JobKeyOf(job), cancellationToken) ? $"{job} paused." : $"{job} was not paused.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResumeAsync(string job, CancellationToken cancellationToken)
    {
        Status(await control.ResumeAsync(JobKeyOf(job), cancellationToken) ? $"{job} resumed." : $"{job} was not paused.");
        return RedirectToPage();
    }

    private static JobKey JobKeyOf(string name) => new(name, Schedules.TopicGroup);

    /// <summary>Quartz's cluster-wide execution history (qrtz_execution_history; times are .NET ticks).</summary>
    private async Task<IReadOnlyList<Run>> RecentRunsAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT job_name, instance_name, fired_time, run_time, succeeded, error_message
                FROM qrtz_execution_history
                ORDER BY fired_time DESC
                LIMIT @limit
                """, connection);
            command.Parameters.AddWithValue("limit", RecentRuns);
            var runs = new List<Run>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                runs.Add(new Run(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    TimeSpan.FromTicks(reader.GetInt64(3)), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            return runs;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
