using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Topics;

/// <summary>Coverage over 30, 90 or 365 days: articles per side per day, the share of stories both sides covered, the busiest outlets.</summary>
public sealed class TrendsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public static readonly int[] Ranges = [30, 90, 365];
    public const int TopOutlets = 10;

    public sealed record DayCounts(DateOnly Day, IReadOnlyDictionary<Side, int> Articles, int Stories, int BothSides)
    {
        public double? BothShare => Stories == 0 ? null : (double)BothSides / Stories;
    }

    public sealed record OutletCount(string Outlet, int Articles);

    [FromRoute] public string Slug { get; set; } = "";
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<TopicSide> Sides { get; private set; } = [];
    public int Days { get; private set; }
    public IReadOnlyList<DayCounts> Series { get; private set; } = [];
    public IReadOnlyDictionary<Side, IReadOnlyList<OutletCount>> Busiest { get; private set; } = new Dictionary<Side, IReadOnlyList<OutletCount>>();

    private sealed record SideDayRow(DateOnly Day, string Side, int Articles);
    private sealed record StoryDayRow(DateOnly Day, int Stories, int BothSides);
    private sealed record OutletRow(string Side, string Outlet, int Articles);

    public async Task<IActionResult> OnGetAsync(int? days, CancellationToken cancellationToken)
    {
        Days = days ?? Ranges[0];
        if (!Ranges.Contains(Days)) return BadRequest();
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == Slug && t.Enabled, cancellationToken);
        if (topic is null) return NotFound();
        Topic = topic;
        Sides = topic.Sides.OrderBy(s => s.Position).ToList();
        var sideValues = Sides.Select(s => s.Side).ToList();
        var lastDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstDay = lastDay.AddDays(-(Days - 1));
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Grouped in PostgreSQL: a year of a busy topic is ~100,000 articles, and only ~730 day-side counts leave the server.
        var codes = sideValues.Select(v => v.ToCode()).ToArray();
        var perDay = await db.Database.SqlQuery<SideDayRow>($"""
            SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, a.side AS side, count(*)::int AS articles
            FROM article_topics m JOIN articles a ON a.id = m.article_id
            WHERE m.topic_id = {topic.Id} AND a.published_at >= {start} AND a.side = ANY({codes})
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
        var storiesPerDay = await db.Database.SqlQuery<StoryDayRow>($"""
            SELECT day, count(*)::int AS stories, count(*) FILTER (WHERE sides = {codes.Length})::int AS both_sides
            FROM (SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, m.story_id, count(DISTINCT a.side) AS sides
                  FROM article_topics m JOIN articles a ON a.id = m.article_id
                  WHERE m.topic_id = {topic.Id} AND a.published_at >= {start} AND a.side = ANY({codes}) AND m.story_id IS NOT NULL
                  GROUP BY 1, 2) AS day_stories
            GROUP BY day
            """).ToListAsync(cancellationToken);
        var outlets = await db.Database.SqlQuery<OutletRow>($"""
            SELECT side, outlet, articles
            FROM (SELECT a.side, a.source_name AS outlet, count(*)::int AS articles,
                         row_number() OVER (PARTITION BY a.side ORDER BY count(*) DESC, lower(a.source_name)) AS rank
                  FROM article_topics m JOIN articles a ON a.id = m.article_id
                  WHERE m.topic_id = {topic.Id} AND a.published_at >= {start} AND a.side = ANY({codes})
                  GROUP BY a.side, a.source_name) AS ranked
            WHERE rank <= {TopOutlets}
            """).ToListAsync(cancellationToken);

        var counts = perDay.ToDictionary(r => (r.Day, r.Side), r => r.Articles);
        var storyCounts = storiesPerDay.ToDictionary(r => r.Day);
        Series = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i)).Select(day => new DayCounts(day,
            sideValues.ToDictionary(side => side, side => counts.GetValueOrDefault((day, side.ToCode()))),
            storyCounts.GetValueOrDefault(day)?.Stories ?? 0, storyCounts.GetValueOrDefault(day)?.BothSides ?? 0)).ToList();
        Busiest = sideValues.ToDictionary(side => side, side => (IReadOnlyList<OutletCount>)outlets.Where(o => o.Side == side.ToCode())
            .OrderByDescending(o => o.Articles).ThenBy(o => o.Outlet, StringComparer.OrdinalIgnoreCase)
            .Select(o => new OutletCount(o.Outlet, o.Articles)).ToList());
        return Page();
    }

    public string SideName(Side side) => Sides.FirstOrDefault(s => s.Side == side)?.Name ?? side.ToCode();
}
