using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Aggregator.Stories;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

/// <summary>The rules behind reader and admin pages, checked without HTTP.</summary>
public sealed class ReaderRulesTests
{
    private static readonly Topic Topic = new() { Slug = "t", Name = "T", DigestHourUtc = 4, BlindspotMinArticles = 3, BlindspotMinOutlets = 2 };

    private static BlindspotArticle Article(long story, long id, Side side, string outlet, int hour) =>
        new(story, id, $"headline {id}", side, outlet, new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero).AddHours(hour));

    [Fact]
    public void A_story_one_side_covered_often_enough_from_enough_outlets_is_a_blindspot_of_its_digest_day()
    {
        var days = Blindspots.Of(Topic, [
            // Story 1: three China-side articles from two outlets, all in the day that ends 2026-01-13 04:00.
            Article(1, 1, Side.China, "CGTN", 5), Article(1, 2, Side.China, "Global Times", 9), Article(1, 3, Side.China, "CGTN", 27),
            // Story 2: both sides covered it.
            Article(2, 4, Side.China, "CGTN", 6), Article(2, 5, Side.China, "Xinhua", 7), Article(2, 6, Side.Us, "Reuters", 8),
            // Story 3: one outlet only.
            Article(3, 7, Side.Us, "Reuters", 6), Article(3, 8, Side.Us, "Reuters", 7), Article(3, 9, Side.Us, "Reuters", 8),
            // Story 4: its articles fall in two digest days (03:00 belongs to the day ending 04:00), two in each: neither day counts.
            Article(4, 10, Side.Us, "AP", 2), Article(4, 11, Side.Us, "CNN", 3), Article(4, 12, Side.Us, "AP", 5), Article(4, 13, Side.Us, "CNN", 6),
        ]);

        var day = Assert.Single(days);
        Assert.Equal(new DateOnly(2026, 1, 13), day.Date);
        var blindspot = Assert.Single(day.Stories);
        Assert.Equal((1L, Side.China, 3, "headline 3"), (blindspot.StoryId, blindspot.Side, blindspot.Articles, blindspot.Headline));
        Assert.Equal(["CGTN", "Global Times"], blindspot.Outlets);
    }
}

/// <summary>Trends counted in PostgreSQL.</summary>
public sealed class TrendCountsTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddScoped<DigestReader>().AddScoped<Trends>();

    [Fact]
    public async Task A_story_over_two_days_counts_once_in_the_ranges_stories_and_as_covered_by_both_sides()
    {
        int topicId;
        await using (var db = Database.CreateContext())
        {
            await TestData.AddOutletAsync(db, "Us Daily", Side.Us, ["usdaily.example"]);
            await TestData.AddOutletAsync(db, "Cn Daily", Side.China, ["cndaily.example"]);
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        }
        // One story, told by the US side before midnight UTC and by the China side after it.
        var evening = new DateTimeOffset(2026, 1, 12, 21, 0, 0, TimeSpan.Zero);
        await InScopeAsync(services => services.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
            new ParsedItem("a", "https://usdaily.example/a", "Soybean tariff deadline looms over Beijing talks", "Us Daily", "https://usdaily.example", evening),
            new ParsedItem("b", "https://cndaily.example/b", "Soybean tariff deadline looms over Beijing talks", "Cn Daily", "https://cndaily.example", evening.AddHours(5))
        ), "en-US", CancellationToken.None));
        await InScopeAsync(services => services.GetRequiredService<StoryStore>().PlaceUnplacedAsync(topicId, CancellationToken.None));
        await using (var db = Database.CreateContext())
        {
            // Whatever the engine made of them, the test's premise is one story.
            var links = await db.ArticleTopics.Where(m => m.TopicId == topicId).OrderBy(m => m.ArticleId).ToListAsync();
            Assert.Equal(2, links.Count);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE article_topics SET story_id = {links[0].StoryId} WHERE topic_id = {topicId} AND article_id = {links[1].ArticleId}");
            Assert.Equal(1, await db.ArticleTopics.Where(m => m.TopicId == topicId).Select(m => m.StoryId).Distinct().CountAsync());
        }

        var view = await InScopeAsync(services => services.GetRequiredService<Trends>()
            .ReadAsync("us-china", 365, new DateTimeOffset(2026, 1, 20, 12, 0, 0, TimeSpan.Zero), CancellationToken.None));

        Assert.NotNull(view);
        var days = view.Series.Where(d => d.Stories > 0).ToList();
        Assert.Equal(2, days.Count);
        Assert.All(days, d => Assert.Equal((1, 0), (d.Stories, d.BothSides)));
        Assert.Equal((1, 1), (view.Stories, view.BothSides));
    }
}
