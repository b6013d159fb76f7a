using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>
/// Makes the Quartz job store hold exactly the schedules the enabled topics call for: for each, a fetch at the
/// topic's interval and a digest daily at its digest hour (UTC); the schedules of disabled or deleted topics are
/// removed. An unchanged schedule is left alone (its next fire time kept), so restarts and a second instance
/// starting change nothing. Also queues the digest of a day missed while no instance ran.
/// </summary>
public sealed class ScheduleSynchronizer(AppDbContext db, ISchedulerFactory schedulers, TimeProvider clock, ILogger<ScheduleSynchronizer> logger)
{
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        // Instances starting together take turns, so the second sees the first's triggers instead of replacing them
        // (a replaced trigger could fire a second time).
        await using var turn = await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, AdvisoryLock.Schedules, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).ToListAsync(cancellationToken);
        var wanted = new HashSet<JobKey>();
        foreach (var topic in topics)
        {
            wanted.Add(Schedules.FetchJob(topic.Slug));
            wanted.Add(Schedules.DigestJob(topic.Slug));
            await EnsureFetchScheduleAsync(scheduler, topic, cancellationToken);
            await EnsureDigestScheduleAsync(scheduler, topic, cancellationToken);
        }

        var stale = new List<JobKey>();
        for (var skip = 0; ; skip += 100)
        {
            var page = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Schedules.TopicGroup), Skip = skip, Take = 100 }, cancellationToken);
            stale.AddRange(page.Items.Select(job => job.Key).Where(key => !wanted.Contains(key)));
            if (!page.HasMore) break;
        }
        if (stale.Count > 0)
        {
            await scheduler.DeleteJobs(stale, cancellationToken);
            logger.LogInformation("Removed schedules of disabled or deleted topics: {Jobs}", stale.Select(k => k.Name));
        }
    }

    public async Task CatchUpMissedDigestsAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var topic in await db.Topics.AsNoTracking().Where(t => t.Enabled).ToListAsync(cancellationToken))
        {
            var due = DigestWindow.LatestClosedDate(topic, now);
            if (await db.Digests.AnyAsync(d => d.TopicId == topic.Id && d.Date == due, cancellationToken)) continue;
            logger.LogInformation("Digest of {Topic} for {Date} is missing: building it now", topic.Slug, due);
            await scheduler.TriggerJob(Schedules.DigestJob(topic.Slug), new JobDataMap(), cancellationToken);
        }
    }

    private async Task EnsureDigestScheduleAsync(IScheduler scheduler, Topic topic, CancellationToken cancellationToken)
    {
        var cron = Schedules.DigestCron(topic);
        if (await scheduler.GetTrigger(Schedules.DigestTrigger(topic.Slug), cancellationToken) is ICronTrigger existing && existing.CronExpressionString == cron)
            return;
        var (job, trigger) = Schedules.Digest(topic);
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
        logger.LogInformation("Scheduled the digest of {Topic} daily at {Hour}:00 UTC", topic.Slug, topic.DigestHourUtc);
    }

    private async Task EnsureFetchScheduleAsync(IScheduler scheduler, Topic topic, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMinutes(topic.FetchIntervalMinutes);
        if (await scheduler.GetTrigger(Schedules.FetchTrigger(topic.Slug), cancellationToken) is ISimpleTrigger existing && existing.RepeatInterval == interval)
            return;
        var (job, trigger) = Schedules.Fetch(topic, clock.GetUtcNow());
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
        logger.LogInformation("Scheduled fetching of {Topic} every {Interval}", topic.Slug, interval);
    }
}
