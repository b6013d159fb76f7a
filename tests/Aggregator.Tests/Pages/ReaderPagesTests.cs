using System.Net;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Pages;

/// <summary>The reader pages' data (<see cref="ReaderSeed"/>) in a database of its own.</summary>
public sealed class ReaderData : IAsyncLifetime
{
    private readonly TestDatabase _database = new SeededTestDatabase();
    public AppFactory App { get; private set; } = null!;
    public TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new AppFactory(_database.ConnectionString);
        await ReaderSeed.SeedAsync(App.Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class ReaderPagesTests(ReaderData data) : IClassFixture<ReaderData>
{
    private readonly HttpClient _client = Browserless.Client(data.App);

    private async Task<IDocument> PageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_source_line_and_story_highlight_of_a_digest_links_to_a_story_page_holding_that_article()
    {
        var digest = await PageAsync("/topics/us-china/2026-01-13");

        var sources = digest.QuerySelectorAll("ol.sources > li");
        Assert.Equal(20, sources.Length);
        foreach (var source in sources)
        {
            var headline = source.QuerySelector("a[target=_blank]")!.TextContent;
            var story = await PageAsync(source.QuerySelector("a.story-link")!.GetAttribute("href")!);
            Assert.Contains(story.QuerySelectorAll(".sides li a[target=_blank]"), a => a.TextContent == headline);
        }
        var highlights = digest.QuerySelectorAll("section[aria-labelledby=overall] li, .sides li");
        Assert.NotEmpty(highlights);
        Assert.All(highlights, li => Assert.StartsWith("/stories/", li.QuerySelector("a.story-link")!.GetAttribute("href")));
    }

    [Fact]
    public async Task A_story_page_shows_each_sides_headlines_a_timeline_its_coverage_and_its_digests()
    {
        await using var db = data.Database.CreateContext();
        var soybeans = await db.ArticleTopics.Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { m.StoryId, a.Headline })
            .Where(x => x.Headline == "Commerce Department tightens export rules on advanced AI chips").Select(x => x.StoryId).SingleAsync();

        var page = await PageAsync($"/stories/{soybeans}");

        Assert.Equal("Beijing condemns new US export curbs on AI chips", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Commerce Department tightens export rules on advanced AI chips", page.QuerySelector(".side-us li a[target=_blank]")!.TextContent);
        Assert.Equal("Beijing condemns new US export curbs on AI chips", page.QuerySelector(".side-china li a[target=_blank]")!.TextContent);
        // Lakeside Ledger is not in the registry: its side is provisional, and marked so.
        Assert.Contains("Lakeside Ledger", page.QuerySelector(".side-us li")!.TextContent);
        Assert.NotNull(page.QuerySelector(".side-us li a.badge.provisional"));
        Assert.Null(page.QuerySelector(".side-china li a.badge.provisional"));
        var times = page.QuerySelectorAll(".timeline time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Equal("1 United States articles, 1 China articles", page.QuerySelector(".balance")!.GetAttribute("aria-label"));
        Assert.Equal("/topics/us-china/2026-01-13", page.QuerySelector("section[aria-labelledby=in-digests] a")!.GetAttribute("href"));
        Assert.Equal("Beijing condemns new US export curbs on AI chips", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.EndsWith($"/stories/{soybeans}", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task A_merged_story_redirects_to_the_story_it_joined_and_an_unknown_one_is_404()
    {
        await using var db = data.Database.CreateContext();
        var merged = new Story { TopicId = await db.Topics.Select(t => t.Id).FirstAsync(), CreatedAt = DateTimeOffset.UtcNow, MergedIntoId = await db.Stories.Select(s => s.Id).MinAsync() };
        db.Stories.Add(merged);
        await db.SaveChangesAsync();

        var redirect = await _client.GetAsync($"/stories/{merged.Id}");
        var missing = await _client.GetAsync("/stories/999999999");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/stories/{merged.MergedIntoId}", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task How_each_side_framed_it_pairs_the_days_both_sides_stories_and_alternates_which_side_comes_first()
    {
        var odd = await PageAsync("/topics/us-china/2026-01-13");
        var even = await PageAsync("/topics/us-china/2026-01-12");

        var framings = odd.QuerySelectorAll("section[aria-labelledby=framings] .framing");
        Assert.Equal(5, framings.Length);
        Assert.All(framings, f => Assert.Equal(2, f.QuerySelectorAll(".framing-side").Length));
        static string FirstSide(IDocument page) => page.QuerySelector(".framing .framing-side")!.ClassList.Single(c => c.StartsWith("side-"));
        Assert.NotEqual(FirstSide(odd), FirstSide(even));
        Assert.Equal("/topics/us-china/blindspots#day-2026-01-13", odd.QuerySelector("a[href*=blindspots]")!.GetAttribute("href"));
        Assert.NotNull(odd.QuerySelector("meta[name=description]"));
        Assert.Equal("/topics/us-china/feed.atom", odd.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Blindspots_link_to_older_days_only_while_earlier_stories_exist()
    {
        // Pages hold days with a digest: after the seeded days, the first page holds them, and nothing is older.
        var afterTheSeededDays = await PageAsync("/topics/us-china/blindspots?before=2026-02-15");
        Assert.NotNull(afterTheSeededDays.QuerySelector("#day-2026-01-13"));
        Assert.Null(afterTheSeededDays.QuerySelector("nav[aria-label='Older blindspots']"));

        // A story that ended weeks before the seeded days (articles stored before digests were published) is older.
        long storyId;
        await using (var db = data.Database.CreateContext())
        {
            var topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
            var at = new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero);
            var story = new Story { TopicId = topicId, FirstArticleAt = at, LastArticleAt = at, ArticleCount = 1, CreatedAt = at };
            db.Stories.Add(story);
            await db.SaveChangesAsync();
            storyId = story.Id;
        }
        try
        {
            var page = await PageAsync("/topics/us-china/blindspots?before=2026-02-15");
            var older = page.QuerySelector("nav[aria-label='Older blindspots'] a");
            Assert.Equal("Older days →", older?.TextContent);
            // The next page starts before the oldest day of this one.
            Assert.Matches("before=2025-12-3[01]$", older!.GetAttribute("href"));
        }
        finally
        {
            await using var db = data.Database.CreateContext();
            await db.Stories.Where(s => s.Id == storyId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Blindspots_list_the_one_sided_story_under_its_day_and_follow_the_topics_thresholds()
    {
        var page = await PageAsync("/topics/us-china/blindspots?before=2026-01-14");

        var day = page.QuerySelector("#day-2026-01-13")!;
        var item = Assert.Single(day.QuerySelectorAll("li"), li => li.TextContent.Contains("free trade zone"));
        Assert.Contains("Only China", item.TextContent);
        Assert.Contains("3 articles from China Daily, Global Times, People's Daily", item.TextContent);
        Assert.StartsWith("/stories/", item.QuerySelector("a")!.GetAttribute("href"));

        await using (var db = data.Database.CreateContext())
            await db.Topics.Where(t => t.Slug == "us-china").ExecuteUpdateAsync(s => s.SetProperty(t => t.BlindspotMinArticles, 4));
        try
        {
            var stricter = await PageAsync("/topics/us-china/blindspots?before=2026-01-14");
            Assert.DoesNotContain("free trade zone", stricter.QuerySelector("main")!.TextContent);
        }
        finally
        {
            await using var db = data.Database.CreateContext();
            await db.Topics.Where(t => t.Slug == "us-china").ExecuteUpdateAsync(s => s.SetProperty(t => t.BlindspotMinArticles, 3));
        }
    }

    [Fact]
    public async Task Trends_are_cached_per_range_and_refuse_any_other_spelling_of_one()
    {
        var month = await _client.GetAsync("/topics/us-china/trends?days=30");
        var monthAgain = await _client.GetAsync("/topics/us-china/trends?days=30&x=1");
        var year = await PageAsync("/topics/us-china/trends?days=365");

        Assert.NotNull(monthAgain.Headers.Age);
        // Both count back from the seeded days (the newest with articles), each over its own range: the entries are the ranges' own.
        static string FirstDay(string html) => System.Text.RegularExpressions.Regex.Match(html, @"From (\d{4}-\d\d-\d\d) to").Groups[1].Value;
        var (monthStart, yearStart) = (DateOnly.Parse(FirstDay(await month.Content.ReadAsStringAsync())), DateOnly.Parse(FirstDay(year.DocumentElement.OuterHtml)));
        Assert.Equal(335, monthStart.DayNumber - yearStart.DayNumber);
        Assert.Contains(year.QuerySelectorAll("table tbody tr th"), th => th.TextContent == "2026-01-12");
        foreach (var query in new[] { "days=030", "days=abc", "days=", "days=30&days=90" })
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/topics/us-china/trends?{query}")).StatusCode);
    }

    [Fact]
    public async Task Trends_draw_articles_per_side_and_the_both_sides_share_as_svg_with_a_table_and_the_busiest_outlets()
    {
        var page = await PageAsync("/topics/us-china/trends?days=365");

        var charts = page.QuerySelectorAll("svg.chart[role=img]");
        Assert.Equal(2, charts.Length);
        Assert.All(charts, svg => Assert.NotNull(svg.QuerySelector("title")));
        Assert.Equal(2, charts[0].QuerySelectorAll("polyline").Length);
        var row = page.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "2026-01-12");
        await using (var db = data.Database.CreateContext())
        {
            var (start, end) = (new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero));
            var day = db.Articles.Where(a => a.PublishedAt >= start && a.PublishedAt < end);
            Assert.Equal(
                [await day.CountAsync(a => a.Side == Side.Us), await day.CountAsync(a => a.Side == Side.China)],
                row.QuerySelectorAll("td").Take(2).Select(td => int.Parse(td.TextContent)));
        }
        Assert.Contains(page.QuerySelectorAll("#busiest ~ .sides .side-china li, section[aria-labelledby=busiest] .side-china li"), li => li.TextContent.StartsWith("South China Morning Post"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/topics/us-china/trends?days=7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/topics/nope/trends")).StatusCode);
    }

    [Fact]
    public async Task The_day_picker_opens_the_chosen_digest()
    {
        var topic = await PageAsync("/topics/us-china");
        Assert.Equal("/topics/us-china/day", topic.QuerySelector("form[action='/topics/us-china/day']")!.GetAttribute("action"));

        var go = await _client.GetAsync("/topics/us-china/day?date=2026-01-12");
        var bad = await _client.GetAsync("/topics/us-china/day?date=12-01-2026");

        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Equal("/topics/us-china/2026-01-12", go.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("/topics/us-china/blindspots?before=0001-01-01")]
    [InlineData("/topics/us-china/blindspots?before=9999-12-31")]
    [InlineData("/articles?q=x&to=9999-12-31")]
    [InlineData("/articles?q=x&from=0001-01-01")]
    [InlineData("/articles?q=x%00")]
    [InlineData("/articles?q=x&outlet=a%00b")]
    [InlineData("/topics/us-china/0001-01-01")]
    [InlineData("/topics/us-china/9999-12-31.json")]
    [InlineData("/topics/us-china/day?date=0001-01-01")]
    public async Task Dates_out_of_range_and_control_characters_are_a_bad_request_not_a_server_error(string path)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync(path)).StatusCode);
    }
}
