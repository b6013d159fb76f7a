using System.Globalization;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Topics;

/// <summary>Coverage over 30, 90 or 365 days: articles per side per day, the share of stories both sides covered, the busiest outlets.</summary>
[OutputCache(PolicyName = DigestCache.TrendsPolicy)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Aggregator.Admin.AdminAuthentication.ReaderQueryRateLimit)]
public sealed class TrendsModel(AppDbContext db, DigestReader reader, TimeProvider clock) : PageModel
{
    public static readonly int[] Ranges = [30, 90, 365];
    public const int TopOutlets = 10;

    public sealed record DayCounts(DateOnly Day, IReadOnlyDictionary<Side, int> Articles, int Stories, int BothSides)
    {
        public double? BothShare => Stories == 0 ? null : (double)BothSides / Stories;
    }

    public sealed record OutletCount(string Outlet, int Articles);

    /// <summary>Articles in a language the topic's digests leave out (stored, searchable, counted here, marked).</summary>
    public sealed record LanguageCount(string Language, int Articles);

    [FromRoute] public string Slug { get; set; } = "";
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<TopicSide> Sides { get; private set; } = [];
    public int Days { get; private set; }
    public ReaderAnchor Anchor { get; private set; } = null!;
    public IReadOnlyList<DayCounts> Series { get; private set; } = [];
    public IReadOnlyDictionary<Side, IReadOnlyList<OutletCount>> Busiest { get; private set; } = new Dictionary<Side, IReadOnlyList<OutletCount>>();
    public IReadOnlyDictionary<Side, IReadOnlyList<LanguageCount>> OtherLanguages { get; private set; } = new Dictionary<Side, IReadOnlyList<LanguageCount>>();

    /// <summary>
    /// One row of the single trends query: a day's count on a side, a day's stories, one of a side's busiest outlets, or a
    /// side's count in a language the digests leave out (the language code in <see cref="Outlet"/>).
    /// </summary>
    private sealed record TrendRow(string Kind, DateOnly? Day, string? Side, string? Outlet, int Count, int BothSides);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Only the three ranges, spelled as the links spell them: each other spelling would be a cache entry of its own.
        var days = Request.Query["days"];
        if (days.Count > 1 || (days.Count == 1 && !Ranges.Select(r => r.ToString(CultureInfo.InvariantCulture)).Contains(days[0]))) return BadRequest();
        Days = days.Count == 0 ? Ranges[0] : int.Parse(days[0]!, CultureInfo.InvariantCulture);
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == Slug && t.Enabled, cancellationToken);
        if (topic is null) return NotFound();
        Topic = topic;
        Sides = topic.Sides.OrderBy(s => s.Position).ToList();
        var sideValues = Sides.Select(s => s.Side).ToList();
        Anchor = await reader.AnchorAsync(topic, clock.GetUtcNow(), cancellationToken);
        var lastDay = Anchor.Day;
        var firstDay = lastDay.AddDays(-(Days - 1));
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Grouped in PostgreSQL (a year of a busy topic is ~100,000 articles; a few hundred counts leave the server), in
        // one pass over the window's articles that all three aggregates read.
        var codes = sideValues.Select(v => v.ToCode()).ToArray();
        var rows = await db.Database.SqlQuery<TrendRow>($"""
            WITH window_articles AS MATERIALIZED (
                SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, a.side, a.source_name, m.story_id, a.language
                FROM article_topics m JOIN articles a ON a.id = m.article_id
                WHERE m.topic_id = {topic.Id} AND a.published_at >= {start} AND a.side = ANY({codes}))
            SELECT 'articles' AS kind, day, side, NULL AS outlet, count(*)::int AS count, 0 AS both_sides
            FROM window_articles GROUP BY day, side
            UNION ALL
            SELECT 'stories', day, NULL, NULL, count(*)::int, count(*) FILTER (WHERE sides = {codes.Length})::int
            FROM (SELECT day, story_id, count(DISTINCT side) AS sides FROM window_articles WHERE story_id IS NOT NULL
                  GROUP BY day, story_id) AS day_stories
            GROUP BY day
            UNION ALL
            SELECT 'outlet', NULL, side, outlet, articles, 0
            FROM (SELECT side, source_name AS outlet, count(*)::int AS articles,
                         row_number() OVER (PARTITION BY side ORDER BY count(*) DESC, lower(source_name)) AS rank
                  FROM window_articles GROUP BY side, source_name) AS ranked
            WHERE rank <= {TopOutlets}
            UNION ALL
            SELECT 'language', NULL, side, language, count(*)::int, 0
            FROM window_articles WHERE NOT (language = ANY({topic.Languages.ToArray()})) GROUP BY side, language
            """).ToListAsync(cancellationToken);
        var perDay = rows.Where(r => r.Kind == "articles").ToList();
        var storiesPerDay = rows.Where(r => r.Kind == "stories").ToList();
        var outlets = rows.Where(r => r.Kind == "outlet").ToList();
        OtherLanguages = sideValues.ToDictionary(side => side, side => (IReadOnlyList<LanguageCount>)rows
            .Where(r => r.Kind == "language" && r.Side == side.ToCode())
            .Select(r => new LanguageCount(Classification.ArticleLanguages.NameOf(r.Outlet!), r.Count))
            .OrderByDescending(l => l.Articles).ThenBy(l => l.Language, StringComparer.Ordinal).ToList());

        var counts = perDay.ToDictionary(r => (r.Day!.Value, r.Side!), r => r.Count);
        var storyCounts = storiesPerDay.ToDictionary(r => r.Day!.Value);
        Series = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i)).Select(day => new DayCounts(day,
            sideValues.ToDictionary(side => side, side => counts.GetValueOrDefault((day, side.ToCode()))),
            storyCounts.GetValueOrDefault(day)?.Count ?? 0, storyCounts.GetValueOrDefault(day)?.BothSides ?? 0)).ToList();
        Busiest = sideValues.ToDictionary(side => side, side => (IReadOnlyList<OutletCount>)outlets.Where(o => o.Side == side.ToCode())
            .OrderByDescending(o => o.Count).ThenBy(o => o.Outlet, StringComparer.OrdinalIgnoreCase)
            .Select(o => new OutletCount(o.Outlet!, o.Count)).ToList());
        return Page();
    }

    public string SideName(Side side) => Sides.FirstOrDefault(s => s.Side == side)?.Name ?? side.ToCode();
}
