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

    private sealed record ArticleRow(DateOnly Day, long? StoryId, Side Side, string Outlet);

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

        // One row per article and its side: a year of a busy topic is ~100,000 small rows, grouped here by UTC day.
        var rows = await db.ArticleTopics.Where(m => m.TopicId == topic.Id)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { m.StoryId, a.Side, a.SourceName, a.PublishedAt })
            .Where(a => a.PublishedAt >= start && sideValues.Contains(a.Side))
            .ToListAsync(cancellationToken);
        var articles = rows.Select(r => new ArticleRow(DateOnly.FromDateTime(r.PublishedAt.UtcDateTime), r.StoryId, r.Side, r.SourceName)).ToList();
        var byDay = articles.ToLookup(a => a.Day);
        Series = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i)).Select(day =>
        {
            var today = byDay[day].ToList();
            var stories = today.Where(a => a.StoryId is not null).GroupBy(a => a.StoryId).ToList();
            return new DayCounts(day, sideValues.ToDictionary(side => side, side => today.Count(a => a.Side == side)),
                stories.Count, stories.Count(s => sideValues.All(side => s.Any(a => a.Side == side))));
        }).ToList();
        Busiest = sideValues.ToDictionary(side => side, side => (IReadOnlyList<OutletCount>)articles.Where(a => a.Side == side)
            .GroupBy(a => a.Outlet).Select(g => new OutletCount(g.Key, g.Count()))
            .OrderByDescending(o => o.Articles).ThenBy(o => o.Outlet, StringComparer.OrdinalIgnoreCase).Take(TopOutlets).ToList());
        return Page();
    }

    public string SideName(Side side) => Sides.FirstOrDefault(s => s.Side == side)?.Name ?? side.ToCode();
}
