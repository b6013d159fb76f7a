using Aggregator.Digests;
using Aggregator.Storage;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Scheduling;

/// <summary>
/// Makes Hangfire's shared job store hold exactly the recurring jobs the enabled topics call for (see
/// <see cref="Schedules"/>), and removes those of disabled or deleted topics. Run at start-up and after every topic
/// edit, so schedules follow the topics on every instance without a restart. At start-up it also catches up: one
/// fetch of each topic's due feeds, and the digest of a day missed while no instance ran.
/// </summary>
public sealed class ScheduleSynchronizer(
    AppDbContext db,
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IOptions<SchedulerOptions> options,
    TimeProvider clock,
    ILogger<ScheduleSynchronizer> logger)
{
    private static readonly RecurringJobOptions InUtc = new() { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed };

    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        // Instances starting together take turns, so one never removes a schedule the other has just added.
        await using var turn = await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, AdvisoryLock.Schedules, cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var slug = topic.Slug;
            wanted.Add(Schedules.FetchJobId(slug));
            wanted.Add(Schedules.DigestJobId(slug));
            // Misfires are relaxed: after downtime the missed fires of a schedule collapse into one fire now.
            recurringJobs.AddOrUpdate<FetchTopicJob>(Schedules.FetchJobId(slug), job => job.RunAsync(slug, false, CancellationToken.None),
                Schedules.FetchCron(topic, options.Value), InUtc);
            recurringJobs.AddOrUpdate<BuildDigestJob>(Schedules.DigestJobId(slug), job => job.RunAsync(slug, null, CancellationToken.None),
                Schedules.DigestCron(topic, options.Value), InUtc);
        }

        using var connection = storage.GetConnection();
        var stale = connection.GetRecurringJobs().Select(job => job.Id).Where(id => Schedules.IsTopicJob(id) && !wanted.Contains(id)).ToList();
        foreach (var id in stale) recurringJobs.RemoveIfExists(id);
        logger.LogInformation("Schedules set for {Topics} enabled topics; removed {Stale}", topics.Count, stale);
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var topic in await db.Topics.AsNoTracking().Where(t => t.Enabled).ToListAsync(cancellationToken))
        {
            var slug = topic.Slug;
            // Feeds not yet due are skipped, so a restart costs no requests.
            jobs.Enqueue<FetchTopicJob>(job => job.RunAsync(slug, false, CancellationToken.None));
            var due = DigestWindow.LatestClosedDate(topic, now);
            if (await db.Digests.AnyAsync(d => d.TopicId == topic.Id && d.Date == due, cancellationToken)) continue;
            logger.LogInformation("Digest of {Topic} for {Date} is missing: queued", slug, due);
            jobs.Enqueue<BuildDigestJob>(job => job.RunAsync(slug, due.ToString("yyyy-MM-dd"), CancellationToken.None));
        }
    }
}
