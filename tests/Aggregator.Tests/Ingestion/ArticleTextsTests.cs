using System.Text.RegularExpressions;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Aggregator.Tests.Fetching;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Ingestion;

/// <summary>
/// The article-text stage end to end against a publisher's site on 127.0.0.1: what it reads and refuses, what it
/// records for admins, and what readers then see (leads, prose highlights, search over the text).
/// </summary>
public sealed class ArticleTextsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 1, 12, 1, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase database = new();
    private readonly ManualClock clock = new();
    private ArticlePagesServer site = null!;
    private AppFactory app = null!;
    private int topicId;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        site = await ArticlePagesServer.StartAsync();
        await using (var db = database.CreateContext())
        {
            topicId = (await TestData.AddTopicAsync(db, "texts")).Id;
            await TestData.AddOutletAsync(db, "Us Daily", Side.Us, ["usdaily.example"]);
            await TestData.AddOutletAsync(db, "Cn Daily", Side.China, ["cndaily.example"]);
        }
        app = new AppFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Fetching:ReplayDirectory"] = "",
            ["Fetching:PerHostPause"] = "00:00:00",
            ["ArticleTexts:MaxPageBytes"] = "1048576",
            ["Admin:Email"] = "boot@example.org",
            ["Admin:Password"] = "bootstrap passphrase",
        }, clock);
        await using var scope = app.Services.CreateAsyncScope();
        ParsedItem Item(string path, string headline, string outlet, int hour) =>
            new(path, site.Url(path).AbsoluteUri, headline, outlet, $"https://{outlet.Replace(" ", "").ToLowerInvariant()}.example", Night.AddHours(hour));
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
            Item("/news/zephyr", "Officials meet in Switzerland over trade", "Us Daily", 0),
            Item("/news/marigold", "Beijing hails constructive Geneva talks", "Cn Daily", 1),
            Item("/windows-1252", "Café diplomacy returns to the capital", "Us Daily", 2),
            Item("/private/secret", "An article robots.txt closes", "Cn Daily", 0),
            Item("/forbidden", "An article the site refuses", "Us Daily", 1),
            Item("/paywall", "Exclusive: inside the talks", "Cn Daily", 2),
            Item("/huge", "A page far too large", "Us Daily", 0),
            Item("/unavailable", "A site that does not answer", "Cn Daily", 1)), "en-US", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await site.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<(int Fetched, int Failed)> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ArticleTexts>().FetchAsync(topicId, CancellationToken.None);
    }

    private async Task TurnOnAsync()
    {
        await using var db = database.CreateContext();
        await db.Topics.Where(t => t.Id == topicId).ExecuteUpdateAsync(s => s.SetProperty(t => t.FetchArticleText, true));
    }

    [Fact]
    public async Task A_topic_reads_no_page_until_an_admin_turns_it_on()
    {
        var off = await RunAsync();

        Assert.Equal((0, 0), off);
        Assert.Empty(site.Requests);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.ArticleTexts.CountAsync());
    }

    [Fact]
    public async Task Each_page_is_read_or_refused_once_with_its_reason_recorded_and_shown_to_admins()
    {
        await TurnOnAsync();
        var first = await RunAsync();
        var requestsAfterFirst = site.Requests.Count;
        var second = await RunAsync();

        Assert.Equal((3, 5), first);
        Assert.Equal((0, 0), second);
        Assert.Equal(requestsAfterFirst, site.Requests.Count);
        await using var db = database.CreateContext();
        var texts = await db.ArticleTexts.ToDictionaryAsync(t => new Uri(t.Url).AbsolutePath);
        Assert.Equal(8, texts.Count);
        Assert.Equal(ArticleTextStatuses.Robots, texts["/private/secret"].Status);
        Assert.Equal((ArticleTextStatuses.Forbidden, 403), (texts["/forbidden"].Status, texts["/forbidden"].HttpStatus));
        Assert.Equal(ArticleTextStatuses.Paywall, texts["/paywall"].Status);
        Assert.Equal(ArticleTextStatuses.TooLarge, texts["/huge"].Status);
        Assert.DoesNotContain("/private/secret", site.Requests);
        Expect.All(texts.Values.Where(t => t.Status != ArticleTextStatuses.Fetched).ToList(), 5, t =>
        {
            Assert.NotNull(t.Failure);
            Assert.Null(t.Text);
            Assert.Equal(1, t.Attempts);
        });
        Expect.All(texts.Values.Where(t => t.Status == ArticleTextStatuses.Fetched).ToList(), 3, t =>
        {
            Assert.StartsWith("Officials from both countries met in Geneva on Tuesday", t.Lead);
            Assert.InRange(t.WordCount, 120, 200);
            Assert.Equal(Aggregator.Extraction.ArticleExtractor.Version, t.ExtractorVersion);
            Assert.Equal("en", t.Language);
            Assert.DoesNotContain("Copyright", t.Text);
            Assert.DoesNotContain("Home", t.Text);
        });
        Assert.Contains("the café “naïve” agreement", texts["/windows-1252"].Text);

        using var admin = await Browserless.SignedInAsync(app, "boot@example.org", admin: true);
        var topics = await admin.GetStringAsync("/admin/topics");
        Assert.Contains("3 read, failed: 1 forbidden, 1 http-error, 1 paywall, 1 robots, 1 too-large", topics);
        Assert.Contains("latest failure: ", topics);
        // The topic's page lists each attempt with its reason.
        var topicPage = await admin.GetStringAsync($"/admin/topics/edit/{topicId}");
        Assert.Contains("An article robots.txt closes", topicPage);
        Assert.Contains("robots.txt does not allow Aggregator to read /private/secret", topicPage);
        Assert.Contains("forbidden (HTTP 403)", topicPage);
        var attemptsTable = new HtmlParser().ParseDocument(topicPage).QuerySelectorAll("h2").Single(h => h.TextContent == "Article pages")
            .NextElementSibling?.NextElementSibling;
        Assert.Equal(8, attemptsTable?.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task A_site_that_does_not_answer_is_tried_again_an_hour_later_three_times_in_all_and_a_refusal_never()
    {
        await TurnOnAsync();
        int Asked(string path) => site.Requests.Count(r => r == path);

        await RunAsync();
        var soonAfter = await RunAsync();
        clock.Advance(ArticleTexts.RetryPause);
        var anHourLater = await RunAsync();
        clock.Advance(ArticleTexts.RetryPause);
        var twoHoursLater = await RunAsync();
        clock.Advance(ArticleTexts.RetryPause);
        var threeHoursLater = await RunAsync();

        Assert.Equal([(0, 0), (0, 1), (0, 1), (0, 0)], new[] { soonAfter, anHourLater, twoHoursLater, threeHoursLater });
        Assert.Equal(3, Asked("/unavailable"));
        Assert.Equal(1, Asked("/forbidden"));
        await using var db = database.CreateContext();
        var unavailable = await db.ArticleTexts.SingleAsync(t => t.Url.EndsWith("/unavailable"));
        Assert.Equal((ArticleTextStatuses.HttpError, 503, 3), (unavailable.Status, unavailable.HttpStatus, unavailable.Attempts));
    }

    [Fact]
    public async Task Readers_see_leads_on_story_pages_and_in_the_digest_find_articles_by_their_text_and_no_bullet_twice()
    {
        await TurnOnAsync();
        await RunAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var published = await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("texts", new DateOnly(2026, 1, 12), CancellationToken.None);
            Assert.True(published.Published, published.Message);
        }
        await using var db = database.CreateContext();
        var zephyr = await db.Articles.SingleAsync(a => a.Link.EndsWith("/news/zephyr"));
        var storyId = await db.ArticleTopics.Where(m => m.ArticleId == zephyr.Id).Select(m => m.StoryId).SingleAsync();
        using var reader = Browserless.Client(app);

        // Search: a word only the article's text holds.
        var search = await reader.GetStringAsync("/articles?q=zephyr");
        Assert.Contains("Officials meet in Switzerland over trade", search);
        Assert.Contains("to discuss the <mark>zephyr</mark> agreement", search);

        // The story page: the lead under the headline.
        var story = await reader.GetStringAsync($"/stories/{storyId}");
        Assert.Contains("<p class=\"lead\">Officials from both countries met in Geneva on Tuesday to discuss the zephyr agreement", story);

        // The digest: leads collapsed in the sources, highlights that quote what happened, no bullet twice.
        var page = new HtmlParser().ParseDocument(await reader.GetStringAsync("/topics/texts/2026-01-12"));
        var leads = page.QuerySelectorAll("ol.sources details.lead").Select(d => d.TextContent).ToList();
        // Each side shows as many articles as the other (four here): the sources hold the three texts read.
        var withText = await db.DigestArticles.CountAsync(a => a.Lead != null);
        Assert.Equal(3, withText);
        Assert.Equal(withText, leads.Count);
        var bullets = page.QuerySelectorAll("section[aria-labelledby=overall] li, section.side li").Select(li => Regex.Replace(li.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.True(bullets.Count >= 3, $"only {bullets.Count} bullets");
        Assert.Equal(bullets.Count, bullets.Distinct().Count());
        Assert.True(bullets.Any(b => b.StartsWith("“Officials from both countries met in Geneva on Tuesday to discuss the")), string.Join("\n", bullets));
        var quoted = bullets.Select(b => Regex.Match(b, "“(.+?)” \\(").Groups[1].Value).ToList();
        Assert.Equal(quoted.Count, quoted.Distinct().Count());
        // Articles without text are quoted by their headline.
        Assert.True(bullets.Any(b => b.Contains("“Exclusive: inside the talks”") || b.Contains("“An article the site refuses”") || b.Contains("“A page far too large”")),
            string.Join("\n", bullets));
    }
}
