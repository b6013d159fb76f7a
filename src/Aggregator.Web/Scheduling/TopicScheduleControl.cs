using Quartz;

namespace Aggregator.Scheduling;

/// <summary>What admins do to a topic's schedules: run now, pause, resume.</summary>
public sealed class TopicScheduleControl(ISchedulerFactory schedulers)
{
    /// <summary>Queues a fetch of every feed of the topic on whichever instance picks it up; false when the topic has no schedule (disabled).</summary>
    public async Task<bool> FetchNowAsync(string topicSlug, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = Schedules.FetchJob(topicSlug);
        if (!await scheduler.Exists(job, cancellationToken)) return false;
        await scheduler.TriggerJob(job, new JobDataMap { [FetchTopicJob.ForceKey] = true }, cancellationToken);
        return true;
    }

    public async Task<bool> PauseAsync(JobKey job, CancellationToken cancellationToken) =>
        await (await schedulers.GetScheduler(cancellationToken)).PauseJob(job, cancellationToken);

    public async Task<bool> ResumeAsync(JobKey job, CancellationToken cancellationToken) =>
        await (await schedulers.GetScheduler(cancellationToken)).ResumeJob(job, cancellationToken);
}
