using Aggregator.Digests;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>The daily digest of one topic: builds the day whose window has just closed.</summary>
[DisallowConcurrentExecution]
public sealed class BuildDigestJob(AppDbContext db, DigestBuilder builder, DigestCache cache, TimeProvider clock, ILogger<BuildDigestJob> logger) : IJob
{
    public const string TopicKey = "topic";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(TopicKey)!;
        var topic = await db.Topics.AsNoTracking().SingleAsync(t => t.Slug == slug, cancellationToken);
        try
        {
            await builder.BuildAsync(slug, DigestWindow.LatestClosedDate(topic, clock.GetUtcNow()), cancellationToken);
            await cache.EvictAsync(cancellationToken);
        }
        catch (DigestEmptyException e)
        {
            logger.LogInformation("No digest for {Topic}: {Reason}", slug, e.Message);
        }
    }
}
