using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

public sealed record Blindspot(long StoryId, string Headline, Side Side, int Articles, IReadOnlyList<string> Outlets);
public sealed record BlindspotDay(DateOnly Date, IReadOnlyList<Blindspot> Stories);

/// <summary>One placed article of a topic, as the blindspots rule reads it.</summary>
public sealed record BlindspotArticle(long StoryId, long Id, string Headline, Side Side, string Outlet, DateTimeOffset PublishedAt);

/// <summary>A page of blindspots: the days from <see cref="From"/> to <see cref="Until"/>, and where the next older page ends.</summary>
public sealed record BlindspotsPage(Topic Topic, ReaderAnchor Anchor, DateOnly From, DateOnly Until, IReadOnlyList<BlindspotDay> Days, DateOnly? Older);

/// <summary>
/// Stories one side ignored: per digest day (the 24 hours before the topic's digest hour), the stories whose articles
/// that day all came from one side, with at least the topic's least number of articles from its least number of outlets.
/// </summary>
public sealed class Blindspots(AppDbContext db, DigestReader reader)
{
    public const int DaysPerPage = 14;

    /// <summary>The page of days up to <paramref name="until"/> (else the topic's newest day); null for an unknown or disabled topic.</summary>
    public async Task<BlindspotsPage?> ReadAsync(string slug, DateOnly? until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == slug && t.Enabled, cancellationToken);
        if (topic is null) return null;
        var anchor = await reader.AnchorAsync(topic, now, cancellationToken);
        var last = until ?? anchor.Day;
        // A page holds the topic's days that have a digest (a gap in publishing does not make an empty page), or
        // calendar days when there is none.
        var digestDays = await reader.DigestDaysAsync(topic.Id, last, DaysPerPage, cancellationToken);
        if (digestDays.Count > 0) last = digestDays[0];
        var first = digestDays.Count == DaysPerPage ? digestDays[^1] : last.AddDays(-(DaysPerPage - 1));
        var (start, end) = (DigestWindow.For(topic, first).Start, DigestWindow.For(topic, last).End);
        var sides = topic.Sides.Select(s => s.Side).ToList();

        var articles = await db.ArticleTopics.Where(m => m.TopicId == topic.Id && m.StoryId != null)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { StoryId = m.StoryId!.Value, a.Id, a.Headline, a.Side, a.SourceName, a.PublishedAt })
            .Where(a => a.PublishedAt >= start && a.PublishedAt < end && sides.Contains(a.Side))
            .Select(a => new BlindspotArticle(a.StoryId, a.Id, a.Headline, a.Side, a.SourceName, a.PublishedAt))
            .ToListAsync(cancellationToken);
        // Blindspots are stories, so an earlier page exists when a story ended before this one starts: one probe of
        // ix_stories_topic_id_last_article_at (joining the topic's articles to ask read thousands of pages at 1M articles).
        var olderExists = await db.Stories.AnyAsync(s => s.TopicId == topic.Id && s.LastArticleAt < start && s.MergedIntoId == null, cancellationToken);
        return new BlindspotsPage(topic, anchor, first, last, Of(topic, articles), olderExists ? first : null);
    }

    /// <summary>The rule: per digest day, each story covered by one side alone, often enough and by enough of its outlets.</summary>
    public static IReadOnlyList<BlindspotDay> Of(Topic topic, IEnumerable<BlindspotArticle> articles) =>
        articles.GroupBy(a => DigestWindow.DayOf(topic, a.PublishedAt))
            .Select(day => new BlindspotDay(day.Key, day.GroupBy(a => a.StoryId)
                .Where(story => story.Select(a => a.Side).Distinct().Count() == 1
                                && story.Count() >= topic.BlindspotMinArticles
                                && story.Select(a => a.Outlet).Distinct().Count() >= topic.BlindspotMinOutlets)
                .Select(story => new Blindspot(story.Key, story.MaxBy(a => (a.PublishedAt, a.Id))!.Headline, story.First().Side, story.Count(),
                    story.Select(a => a.Outlet).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList()))
                .OrderByDescending(b => b.Articles).ThenBy(b => b.StoryId).ToList()))
            .Where(day => day.Stories.Count > 0)
            .OrderByDescending(day => day.Date)
            .ToList();
}
