using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Ingestion;

public sealed class ImportFeedTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    protected override async Task PrepareAsync()
    {
        await using var db = Database.CreateContext();
        await TestData.AddOutletAsync(db, "Forbes", Side.Us, ["forbes.com"]);
        await TestData.AddOutletAsync(db, "China Daily", Side.China, ["chinadaily.com.cn"]);
        await TestData.AddOutletAsync(db, "CGTN", Side.China, ["cgtn.com"], ["news.cgtn.com"]);
    }

    private async Task<ImportResult> ImportAsync(string fixture = Fixtures.GoogleNewsUsChina)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(fixture), CancellationToken.None);
    }

    [Fact]
    public async Task Importing_the_google_fixture_stores_twenty_articles_with_outlet_locale_and_headline_without_suffix()
    {
        var result = await ImportAsync();

        Assert.Equal(FetchOutcome.Succeeded, result.Run.Outcome);
        Assert.Equal((20, 20, 0), (result.Run.ItemsSeen, result.Run.ItemsNew, result.Run.ItemsDuplicate));
        await using var db = Database.CreateContext();
        var articles = await db.Articles.Include(a => a.Outlet).OrderByDescending(a => a.PublishedAt).ToListAsync();
        Assert.Equal(20, articles.Count);
        Assert.All(articles, a => Assert.Equal("en-US", a.Locale));
        Assert.All(articles, a => Assert.DoesNotContain(" - " + a.SourceName, a.Headline));
        var first = articles[0];
        Assert.Equal("China Outlook ’26: “The Damage Is Done” On The Trade Front", first.Headline);
        Assert.Equal("Forbes", first.Outlet!.Name);
        Assert.Equal(Side.Us, first.Side);
        var cgtn = articles.Where(a => a.SourceName == "news.cgtn.com").ToList();
        Assert.Equal(2, cgtn.Count);
        Assert.All(cgtn, a => Assert.Equal(("CGTN", Side.China), (a.Outlet!.Name, a.Side)));
        Assert.Equal(20, await db.ArticleTopics.CountAsync());
    }

    [Fact]
    public async Task Outlets_missing_from_the_registry_get_a_provisional_side_by_rule_and_are_listed_for_review()
    {
        var result = await ImportAsync();

        Assert.Equal(
            ["China Military (china)", "Global Times (china)", "MSN (us)", "South China Morning Post (us)", "The New York Times (us)", "The Straits Times (us)"],
            result.OutletsAwaitingReview);
        await using var db = Database.CreateContext();
        var rules = await db.Outlets.Where(o => o.ProvisionalRule != null).ToDictionaryAsync(o => o.Name, o => (o.Side, o.ProvisionalRule));
        Assert.Equal((Side.China, ProvisionalRules.PrcDomain), rules["Global Times"]);
        Assert.Equal((Side.China, ProvisionalRules.PrcDomain), rules["China Military"]);
        Assert.Equal((Side.Us, ProvisionalRules.EditorialDefault), rules["The New York Times"]);
        var scmp = await db.Outlets.Include(o => o.Domains).SingleAsync(o => o.Name == "South China Morning Post");
        Assert.Equal((Side.Us, OutletOrigin.Discovered), (scmp.Side, scmp.Origin));
        Expect.All(await db.Articles.Where(a => a.OutletId == scmp.Id).ToListAsync(), 8, a => Assert.Equal(Side.Us, a.Side));
        Assert.Equal("scmp.com", Assert.Single(scmp.Domains).Host);
        Assert.Equal(8, await db.Articles.CountAsync(a => a.OutletId == scmp.Id));
    }

    [Fact]
    public async Task Importing_the_same_feed_twice_stores_each_article_once()
    {
        await ImportAsync();
        var second = await ImportAsync();

        Assert.Equal((20, 0, 20), (second.Run.ItemsSeen, second.Run.ItemsNew, second.Run.ItemsDuplicate));
        await using var db = Database.CreateContext();
        Assert.Equal(20, await db.Articles.CountAsync());
        Assert.Equal(2, await db.FetchRuns.CountAsync(r => r.Trigger == FetchTriggers.Import));
    }

    [Fact]
    public async Task A_file_that_is_not_a_feed_is_recorded_as_a_failed_run_and_stores_nothing()
    {
        var result = await ImportAsync("html-page.html");

        Assert.Equal(FetchOutcome.Failed, result.Run.Outcome);
        Assert.Equal("parse-html-page", result.Run.ErrorKind);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Articles.CountAsync());
        Assert.Equal("parse-html-page", (await db.FetchRuns.SingleAsync()).ErrorKind);
    }

    [Fact]
    public async Task A_file_over_the_fetchers_body_cap_is_refused_as_too_large_like_a_fetched_feed()
    {
        var path = Path.GetTempFileName();
        try
        {
            var cap = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Aggregator.Fetching.FetchOptions>>().Value.MaxBodyBytes;
            await File.WriteAllBytesAsync(path, [.. Fixtures.Feed(Fixtures.GoogleNewsUsChina), .. new byte[cap]]);

            await using var scope = Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", path, CancellationToken.None);

            Assert.Equal((FetchOutcome.Failed, "parse-too-large"), (result.Run.Outcome, result.Run.ErrorKind));
            Assert.Equal(cap + 1, result.Run.BytesRead);
            await using var db = Database.CreateContext();
            Assert.Equal(0, await db.Articles.CountAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Items_without_an_http_link_are_seen_and_counted_as_skipped_on_the_run()
    {
        // entities.xml has four items; two link to javascript: and data: URLs, which the parser drops.
        var result = await ImportAsync("entities.xml");

        Assert.Equal((FetchOutcome.Succeeded, 4, 2, 0, 2), (result.Run.Outcome, result.Run.ItemsSeen, result.Run.ItemsNew, result.Run.ItemsDuplicate, result.Run.ItemsSkipped));
    }

    [Fact]
    public async Task Items_with_values_too_long_to_store_are_skipped_and_counted_and_the_rest_are_stored()
    {
        var result = await ImportAsync("over-long-fields.xml");

        Assert.Equal((FetchOutcome.Succeeded, 5, 3, 0, 2), (result.Run.Outcome, result.Run.ItemsSeen, result.Run.ItemsNew, result.Run.ItemsDuplicate, result.Run.ItemsSkipped));
        await using var db = Database.CreateContext();
        var stored = await db.Articles.Include(a => a.Outlet).OrderBy(a => a.Guid).ToListAsync();
        Assert.Equal(["good-1", "long-host-1", "long-name-1"], stored.Select(a => a.Guid));
        Assert.Equal(ColumnLengths.OutletName, stored[2].SourceName.Length);
        Assert.Equal(ColumnLengths.OutletName, stored[2].Outlet!.Name.Length);
        Assert.Empty(await db.OutletDomains.Where(d => d.OutletId == stored[1].OutletId).ToListAsync());
    }

    [Fact]
    public async Task Unknown_topic_is_refused()
    {
        await using var scope = Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<FeedFileImporter>();

        await Assert.ThrowsAsync<TopicNotFoundException>(() => importer.ImportAsync("nope", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None));
    }
}
