using Aggregator.Scheduling;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Quartz;

namespace Aggregator.Pages.Admin.Jobs;

/// <summary>What operators would otherwise get from a scheduler dashboard, read from the clustered job store.</summary>
public sealed class IndexModel(JobRunHistory history, ISchedulerFactory schedulers, TopicScheduleControl control) : AdminPageModel
{
    private const int RecentRuns = 50;

    public sealed record ScheduledJob(string Name, string? Description, string State, DateTimeOffset? PreviousFire, DateTimeOffset? NextFire);
    public sealed record RunningJob(string Job, string Instance, DateTimeOffset Started);
    public sealed record Node(string Id, string State, DateTimeOffset? LastCheckIn, bool Current);

    public IReadOnlyList<ScheduledJob> Scheduled { get; private set; } = [];
    public IReadOnlyList<RunningJob> Running { get; private set; } = [];
    public IReadOnlyList<Node> Nodes { get; private set; } = [];
    public IReadOnlyList<JobRun> Recent { get; private set; } = [];

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
        Recent = await history.RecentAsync(RecentRuns, cancellationToken);
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
}
