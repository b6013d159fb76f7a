using Aggregator.Digests;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Tests.Replay;

/// <summary>
/// The reader pages on the replayed sample fortnight (2026-06-01 → 06-14), read long after it (the test machine's
/// today): they count back from the topic's newest digest day and say so, instead of showing empty weeks.
/// </summary>
[Collection(SampleFortnightReaders.Name)]
public sealed class FortnightReaderPagesTests(SampleFortnight fortnight)
{
    private async Task<IHtmlDocument> PageAsync(string path) =>
        new HtmlParser().ParseDocument(await fortnight.App.CreateClient().GetStringAsync(path));

    [Fact]
    public async Task The_home_page_features_the_newest_full_day_and_shows_the_last_seven_days_at_a_glance()
    {
        Assert.Equal(0, fortnight.Replay.ExitCode);
        await using var db = fortnight.Database.CreateContext();
        var thin = await db.Digests.Where(d => d.IsThin).Select(d => d.Date).ToListAsync();
        Assert.Contains(SampleFortnight.LastDay, thin); // the sample's last day is a thin 2 + 2
        var newestFull = await db.Digests.Where(d => !d.IsThin).MaxAsync(d => d.Date);

        var page = await PageAsync("/");

        var featured = page.QuerySelector("section.digest-card .featured-digest a")!;
        Assert.Equal($"/topics/us-china/{newestFull:yyyy-MM-dd}", featured.GetAttribute("href"));
        Assert.Contains("the newest full day", page.QuerySelector(".featured-digest")!.TextContent);
        var rows = page.QuerySelectorAll("table.glance tbody tr");
        Assert.Equal(TopicGlance.GlanceDays, rows.Length);
        var dates = rows.Select(r => r.QuerySelector("td a")!.GetAttribute("href")).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"/topics/us-china/{SampleFortnight.LastDay.AddDays(-i):yyyy-MM-dd}"), dates);
        Assert.Equal("thin", rows[0].QuerySelector(".badge-thin")?.TextContent);
        Assert.All(rows.Skip(1), row => Assert.Null(row.QuerySelector(".badge-thin")));
        // Each day's top story both sides covered links its story page; days with none say so.
        var stories = rows.Select(r => r.QuerySelector("a[href^='/stories/']")).OfType<IHtmlAnchorElement>().ToList();
        Assert.True(stories.Count >= 3, $"{stories.Count} days of seven had a story both sides covered");
        Assert.All(rows.Where(r => r.QuerySelector("a[href^='/stories/']") is null), row => Assert.Contains("none that day", row.TextContent));
        Assert.NotNull(page.QuerySelector("a[href='/topics/us-china/trends']"));
        Assert.NotNull(page.QuerySelector("a[href='/topics/us-china/blindspots']"));
    }

    [Fact]
    public async Task Trends_count_back_from_the_newest_day_with_articles_and_draw_every_day_of_the_sample()
    {
        var page = await PageAsync("/topics/us-china/trends");

        Assert.Equal("As of 2026-06-14, the newest day with articles.", page.QuerySelector(".as-of")?.TextContent);
        var days = page.QuerySelectorAll("table tbody tr")
            .Select(r => (Day: r.QuerySelector("th, td")!.TextContent.Trim(), Cells: r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()))
            .Where(r => r.Cells.Skip(r.Cells.Count - 4).Take(2).Any(c => c != "0"))
            .Select(r => r.Day).ToList();
        // The 14 UTC days of the files, each with articles.
        Assert.Equal(Enumerable.Range(0, 14).Select(i => new DateOnly(2026, 6, 13).AddDays(-i).ToString("yyyy-MM-dd")), days);
        // Headlines in Chinese count in the trends, marked as left out of the English digests.
        await using var db = fortnight.Database.CreateContext();
        var chinese = await db.Articles.CountAsync(a => a.Language == "zh" && a.Side == Aggregator.Model.Side.China);
        Assert.True(chinese >= 300, $"{chinese} Chinese headlines");
        Assert.Contains($"China: {chinese} in Chinese", page.QuerySelector(".languages")?.TextContent);
        Assert.Contains("which are in English", page.QuerySelector(".languages")!.TextContent);
    }

    [Fact]
    public async Task Blindspots_page_by_days_with_digests_from_the_newest_and_list_the_one_sided_stories()
    {
        var page = await PageAsync("/topics/us-china/blindspots");

        Assert.Equal("As of 2026-06-14, the newest day with articles.", page.QuerySelector(".as-of")?.TextContent);
        var days = page.QuerySelectorAll("section[id^='day-']").Select(s => DateOnly.Parse(s.Id!["day-".Length..])).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, day => Assert.InRange(day, SampleFortnight.FirstDay, SampleFortnight.LastDay));
        var stories = page.QuerySelectorAll("ul.blindspots li");
        Assert.True(stories.Length >= 3, $"{stories.Length} blindspots");
        Assert.All(stories, s => Assert.StartsWith("Only ", s.QuerySelector(".badge")!.TextContent));
        // The fourteen digest days fit one page: nothing older than the sample.
        Assert.Null(page.QuerySelector("nav[aria-label='Older blindspots']"));
    }
}
