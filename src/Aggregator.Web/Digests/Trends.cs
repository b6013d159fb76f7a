using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

public sealed record TrendDay(DateOnly Day, IReadOnlyDictionary<Side, int> Articles, int Stories, int BothSides)
{
    public double? BothShare => Stories == 0 ? null : (double)BothSides / Stories;
}

public sealed record OutletCount(string Outlet, int Articles);

/// <summary>Articles in a language the topic's digests leave out (stored, searchable, counted here, marked).</summary>
public sealed record LanguageCount(string Language, int Articles);

/// <summary>
/// A topic's coverage over <see cref="Days"/> days up to its anchor: each day's articles per side and stories, the
/// window's distinct stories and how many both sides covered, each side's busiest outlets and other languages.
/// </summary>
public sealed record TrendsView(
    Topic Topic, IReadOnlyList<TopicSide> Sides, int Days, ReaderAnchor Anchor, IReadOnlyList<TrendDay> Series,
    int Stories, int BothSides,
    IReadOnlyDictionary<Side, IReadOnlyList<OutletCount>> Busiest, IReadOnlyDictionary<Side, IReadOnlyList<LanguageCount>> OtherLanguages);

/// <summary>Coverage over 30, 90 or 365 days: articles per side per day, the share of stories both sides covered, the busiest outlets.</summary>
public sealed class Trends(AppDbContext db, DigestReader reader)
{
    public static readonly int[] Ranges = [30, 90, 365];
    public const int TopOutlets = 10;

    /// <summary>The topic's trends over <paramref name="days"/> days; null for an unknown or disabled topic.</summary>
    public async Task<TrendsView?> ReadAsync(string slug, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Ranges.Contains(days)) throw new ArgumentOutOfRangeException(nameof(days), days, "trends cover 30, 90 or 365 days");
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == slug && t.Enabled, cancellationToken);
        if (topic is null) return null;
        var sides = topic.Sides.OrderBy(s => s.Position).ToList();
        var sideValues = sides.Select(s => s.Side).ToList();
        var anchor = await reader.AnchorAsync(topic, now, cancellationToken);
        var firstDay = anchor.Day.AddDays(-(days - 1));
        var start = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await TrendCounts.ReadAsync(db, topic.Id, start, sideValues.Select(v => v.ToCode()).ToArray(), topic.Languages.ToArray(), TopOutlets, cancellationToken);
        return Shape(topic, sides, days, anchor, firstDay, rows);
    }

    /// <summary>The query's rows as the page shows them: every day of the range (zeros where nothing happened), lists ordered.</summary>
    public static TrendsView Shape(Topic topic, IReadOnlyList<TopicSide> sides, int days, ReaderAnchor anchor, DateOnly firstDay, IReadOnlyList<TrendRow> rows)
    {
        var sideValues = sides.Select(s => s.Side).ToList();
        var counts = rows.Where(r => r.Kind == "articles").ToDictionary(r => (r.Day!.Value, r.Side!), r => r.Count);
        var storyCounts = rows.Where(r => r.Kind == "stories").ToDictionary(r => r.Day!.Value);
        var series = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(day => new TrendDay(day,
            sideValues.ToDictionary(side => side, side => counts.GetValueOrDefault((day, side.ToCode()))),
            storyCounts.GetValueOrDefault(day)?.Count ?? 0, storyCounts.GetValueOrDefault(day)?.BothSides ?? 0)).ToList();
        var busiest = sideValues.ToDictionary(side => side, side => (IReadOnlyList<OutletCount>)rows
            .Where(r => r.Kind == "outlet" && r.Side == side.ToCode())
            .OrderByDescending(r => r.Count).ThenBy(r => r.Outlet, StringComparer.OrdinalIgnoreCase)
            .Select(r => new OutletCount(r.Outlet!, r.Count)).ToList());
        var otherLanguages = sideValues.ToDictionary(side => side, side => (IReadOnlyList<LanguageCount>)rows
            .Where(r => r.Kind == "language" && r.Side == side.ToCode())
            .Select(r => new LanguageCount(ArticleLanguages.NameOf(r.Outlet!), r.Count))
            .OrderByDescending(l => l.Articles).ThenBy(l => l.Language, StringComparer.Ordinal).ToList());
        var total = rows.SingleOrDefault(r => r.Kind == "total");
        return new TrendsView(topic, sides, days, anchor, series, total?.Count ?? 0, total?.BothSides ?? 0, busiest, otherLanguages);
    }
}
