using System.Globalization;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Topics;

/// <summary>
/// Stories one side ignored: per digest day (the 24 hours before the topic's digest hour), the stories whose articles
/// that day all came from one side, with at least the topic's least number of articles from its least number of outlets.
/// </summary>
public sealed class BlindspotsModel(AppDbContext db, DigestReader reader, TimeProvider clock) : PageModel
{
    public const int DaysPerPage = 14;

    public sealed record Blindspot(long StoryId, string Headline, Side Side, int Articles, IReadOnlyList<string> Outlets);
    public sealed record Day(DateOnly Date, IReadOnlyList<Blindspot> Stories);

    [FromRoute] public string Slug { get; set; } = "";
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<Day> Days { get; private set; } = [];
    public DateOnly Until { get; private set; }
    public DateOnly From { get; private set; }
    public ReaderAnchor Anchor { get; private set; } = null!;
    public DateOnly? Older { get; private set; }

    public string SideName(Side side) => Topic.Sides.FirstOrDefault(s => s.Side == side)?.Name ?? side.ToCode();

    public async Task<IActionResult> OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == Slug && t.Enabled, cancellationToken);
        if (topic is null) return NotFound();
        Topic = topic;
        Anchor = await reader.AnchorAsync(topic, clock.GetUtcNow(), cancellationToken);
        if (before is null) Until = Anchor.Day;
        else if (DigestReader.TryParseDate(before, out var parsed)) Until = parsed.AddDays(-1);
        else return BadRequest();
        // A page holds the topic's days that have a digest (a gap in publishing does not make an empty page), or
        // calendar days when there is none.
        var digestDays = await reader.DigestDaysAsync(topic.Id, Until, DaysPerPage, cancellationToken);
        if (digestDays.Count > 0) Until = digestDays[0];
        var from = digestDays.Count == DaysPerPage ? digestDays[^1] : Until.AddDays(-(DaysPerPage - 1));
        From = from;
        var (start, end) = (WindowStart(from), WindowStart(Until.AddDays(1)));
        var sides = topic.Sides.Select(s => s.Side).ToList();

        var rows = await db.ArticleTopics.Where(m => m.TopicId == topic.Id && m.StoryId != null)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { StoryId = m.StoryId!.Value, a.Id, a.Headline, a.Side, a.SourceName, a.PublishedAt })
            .Where(a => a.PublishedAt >= start && a.PublishedAt < end && sides.Contains(a.Side))
            .ToListAsync(cancellationToken);
        Days = rows.GroupBy(r => DayOf(r.PublishedAt))
            .Select(day => new Day(day.Key, day.GroupBy(r => r.StoryId)
                .Where(story => story.Select(r => r.Side).Distinct().Count() == 1
                                && story.Count() >= topic.BlindspotMinArticles
                                && story.Select(r => r.SourceName).Distinct().Count() >= topic.BlindspotMinOutlets)
                .Select(story => new Blindspot(story.Key, story.MaxBy(r => (r.PublishedAt, r.Id))!.Headline, story.First().Side, story.Count(),
                    story.Select(r => r.SourceName).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList()))
                .OrderByDescending(b => b.Articles).ThenBy(b => b.StoryId).ToList()))
            .Where(day => day.Stories.Count > 0)
            .OrderByDescending(day => day.Date)
            .ToList();
        // Blindspots are stories, so an earlier page exists when a story ended before this one starts: one probe of
        // ix_stories_topic_id_last_article_at (joining the topic's articles to ask read thousands of pages at 1M articles).
        var olderExists = await db.Stories.AnyAsync(s => s.TopicId == topic.Id && s.LastArticleAt < start && s.MergedIntoId == null, cancellationToken);
        Older = olderExists ? from : null;
        return Page();
    }

    /// <summary>The digest day an article belongs to: day D covers the 24 hours before D at the topic's digest hour.</summary>
    private DateOnly DayOf(DateTimeOffset publishedAt) =>
        DateOnly.FromDateTime(publishedAt.UtcDateTime.AddHours(-Topic.DigestHourUtc)).AddDays(1);

    private DateTimeOffset WindowStart(DateOnly day) =>
        new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(Topic.DigestHourUtc, 0)), TimeSpan.Zero);
}
