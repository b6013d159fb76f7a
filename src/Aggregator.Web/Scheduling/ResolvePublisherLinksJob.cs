using Aggregator.Ingestion;
using Aggregator.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Scheduling;

/// <summary>Finds the publisher's URL behind a topic's new Google News links: queued after every fetch that stored something.</summary>
public sealed class ResolvePublisherLinksJob(AppDbContext db, PublisherLinks links)
{
    /// <summary>What a run leaves is taken by the next fetch's run: each article is looked up once, newest first.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string topicSlug, CancellationToken cancellationToken)
    {
        var topicId = await db.Topics.Where(t => t.Slug == topicSlug).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (topicId is null) return $"no topic '{topicSlug}'";
        var (found, notFound) = await links.ResolveAsync(topicId.Value, cancellationToken);
        return $"{found} publisher links found, {notFound} not";
    }
}
