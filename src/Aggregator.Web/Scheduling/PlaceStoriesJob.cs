using Aggregator.Storage;
using Aggregator.Stories;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Scheduling;

/// <summary>
/// Places a topic's new articles in stories: queued after every fetch that stored something, run by any instance.
/// Placements of one topic take turns on the topic's story lock (PostgreSQL advisory lock), so a second job waits and
/// then finds nothing or only what arrived meanwhile.
/// </summary>
public sealed class PlaceStoriesJob(AppDbContext db, StoryStore stories)
{
    /// <summary>A failure is retried by the next fetch's job and, at the latest, by the digest build, which places first.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string topicSlug, CancellationToken cancellationToken)
    {
        var topicId = await db.Topics.Where(t => t.Slug == topicSlug).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (topicId is null) return $"no topic '{topicSlug}'";
        var placed = await stories.PlaceUnplacedAsync(topicId.Value, cancellationToken);
        return $"{placed} articles placed in stories";
    }
}
