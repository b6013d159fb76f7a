using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

/// <summary>
/// The reader pages and exports, served by the real app, read as a browser or a feed reader would. The tests only read:
/// the class shares one database and app, prepared once (the tests that change data are <see cref="DigestPageChangesTests"/>).
/// </summary>
public sealed class DigestPagesTests(DigestPagesFixture fixture) : IClassFixture<DigestPagesFixture>
{
    [Fact]
    public async Task The_digest_page_has_highlights_both_sides_and_the_numbered_sources_with_their_sides()
    {
        var page = await fixture.PageAsync("/topics/us-china/2026-01-12");

        Assert.Equal("US vs China News - 2026-01-12", page.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main"));
        Assert.Equal(["Overall highlights", "United States perspective", "China perspective", "How each side framed it", "Sources"], page.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.NotEmpty(page.QuerySelectorAll("section.side-us li"));
        Assert.NotEmpty(page.QuerySelectorAll("section.side-china li"));
        var sources = page.QuerySelectorAll("ol.sources > li");
        Assert.True(sources.Length >= 6);
        Assert.Equal(sources.Length / 2, sources.Count(li => li.QuerySelector(".badge")!.TextContent == "United States"));
        Expect.All(page.QuerySelectorAll("ol.sources a[href^=http]"), 8, a => Assert.Equal("noopener noreferrer", a.GetAttribute("rel")));
        Assert.All(sources, li => Assert.StartsWith("/stories/", li.QuerySelector("a.story-link")!.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("a[href='/topics/us-china/2026-01-12.md']"));
        Assert.NotNull(page.QuerySelector("a[href='/topics/us-china/2026-01-12.json']"));
        Assert.NotNull(page.QuerySelector(".balance[role=img]"));
    }

    [Fact]
    public async Task Each_section_of_the_digest_page_quotes_headlines_the_others_do_not()
    {
        var page = await fixture.PageAsync("/topics/us-china/2026-01-12");
        static List<string> Quoted(IEnumerable<AngleSharp.Dom.IElement> items) => items
            .SelectMany(li => System.Text.RegularExpressions.Regex.Matches(li.TextContent, "“(.+?)” \\(").Select(m => m.Groups[1].Value)).ToList();

        var overall = Quoted(page.QuerySelectorAll("section[aria-labelledby=overall] li"));
        var sides = Quoted(page.QuerySelectorAll("section.side li"));
        var framed = page.QuerySelectorAll(".framing-side a[href^=http]").Select(a => a.TextContent.Trim()).ToList();

        Assert.Equal(5, overall.Count);
        Assert.NotEmpty(sides);
        Assert.NotEmpty(framed);
        var highlights = overall.Concat(sides).ToList();
        Assert.Equal(highlights.Count, highlights.Distinct().Count());
        Assert.Empty(sides.Intersect(framed));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/topics/us-china")]
    [InlineData("/topics/us-china/2026-01-12")]
    [InlineData("/topics/us-china/trends")]
    public async Task Anonymous_reader_pages_set_no_cookie_and_are_served_from_the_output_cache_whatever_the_query(string path)
    {
        var first = await fixture.Client.GetAsync(path);
        var again = await fixture.Client.GetAsync(path);
        var withQuery = await fixture.Client.GetAsync(path + "?x=1");

        Assert.False(first.Headers.Contains("Set-Cookie"), string.Join("; ", first.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
        Assert.True(again.Headers.Age is not null, $"{path} was not served from the cache");
        Assert.True(withQuery.Headers.Age is not null, $"{path}?x=1 was not served from the cache");
    }

    [Fact]
    public async Task A_script_headline_is_shown_as_text_never_as_markup()
    {
        var response = await fixture.Client.GetStringAsync("/topics/us-china/2026-01-12");

        Assert.DoesNotContain("<script>alert", response);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Beijing &amp; Washington talk", response);
    }

    [Theory]
    [InlineData("/topics/nope", HttpStatusCode.NotFound)]
    [InlineData("/topics/nope/2026-01-12", HttpStatusCode.NotFound)]
    [InlineData("/topics/us-china/2026-01-11", HttpStatusCode.NotFound)]
    [InlineData("/topics/us-china/2999-01-01", HttpStatusCode.NotFound)]
    [InlineData("/topics/us-china/2026-13-45", HttpStatusCode.BadRequest)]
    [InlineData("/topics/us-china/yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/topics/us-china/2026-13-45.md", HttpStatusCode.BadRequest)]
    [InlineData("/topics/us-china/2026-01-11.json", HttpStatusCode.NotFound)]
    [InlineData("/topics/nope/feed.atom", HttpStatusCode.NotFound)]
    public async Task Unknown_topics_missing_or_future_days_are_404_and_malformed_dates_400(string path, HttpStatusCode status)
    {
        Assert.Equal(status, (await fixture.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_home_page_shows_each_topics_latest_digest_with_its_balance()
    {
        var page = await fixture.PageAsync("/");

        Assert.NotNull(page.QuerySelector("a[href='/topics/us-china/2026-01-12']"));
        Assert.Matches(@"^\d+ United States articles, \d+ China articles$", page.QuerySelector(".balance")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_topic_page_lists_the_archive_by_month()
    {
        var page = await fixture.PageAsync("/topics/us-china");

        Assert.Contains(page.QuerySelectorAll("h3"), h => h.TextContent == "January 2026");
        Assert.NotNull(page.QuerySelector(".archive a[href='/topics/us-china/2026-01-12']"));
    }

    [Fact]
    public async Task Exports_serve_markdown_json_and_atom()
    {
        var md = await fixture.Client.GetAsync("/topics/us-china/2026-01-12.md");
        var json = await fixture.Client.GetAsync("/topics/us-china/2026-01-12.json");
        var atom = await fixture.Client.GetAsync("/topics/us-china/feed.atom");

        // Every export is read from its bytes, as strict readers do: valid UTF-8, the declared charset, well-formed.
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.Equal("text/markdown", md.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", md.Content.Headers.ContentType!.CharSet);
        Assert.StartsWith("---\ntitle: \"US vs China News - 2026-01-12\"\n", strictUtf8.GetString(await md.Content.ReadAsByteArrayAsync()));
        Assert.Equal("utf-8", json.Content.Headers.ContentType!.CharSet);
        using var document = JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("2026-01-12", document.RootElement.GetProperty("date").GetString());
        var perSide = document.RootElement.GetProperty("perSide").GetInt32();
        var articles = document.RootElement.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(perSide * 2, articles.Count);
        // Every article carries its story; every framing is a story with articles on both sides, at their positions.
        Assert.All(articles, a => Assert.Equal(JsonValueKind.Number, a.GetProperty("story").ValueKind));
        var storyAt = articles.ToDictionary(a => a.GetProperty("position").GetInt32(), a => (Story: a.GetProperty("story").GetInt64(), Side: a.GetProperty("side").GetString()));
        var expectedFramings = storyAt.Values.GroupBy(a => a.Story).Count(g => g.Select(a => a.Side).Distinct().Count() == 2);
        var framings = document.RootElement.GetProperty("framings").EnumerateArray().ToList();
        Assert.Equal(expectedFramings, framings.Count);
        foreach (var framing in framings)
        {
            var story = framing.GetProperty("story").GetInt64();
            foreach (var side in new[] { "us", "china" })
            {
                var positions = framing.GetProperty("positions").GetProperty(side).EnumerateArray().Select(p => p.GetInt32()).ToList();
                Assert.NotEmpty(positions);
                Assert.All(positions, p => Assert.Equal((story, side), storyAt[p]));
            }
        }
        // Read from the bytes, as feed readers do: the declared encoding must be the one the bytes are in.
        var bytes = await atom.Content.ReadAsByteArrayAsync();
        Assert.Equal("utf-8", atom.Content.Headers.ContentType!.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(bytes));
        var feed = XDocument.Load(XmlReader.Create(new MemoryStream(bytes)));
        XNamespace ns = "http://www.w3.org/2005/Atom";
        // RFC 4287: id, title and updated on the feed and on each entry, and an author.
        Assert.All(new[] { "id", "title", "updated" }, name => Assert.False(string.IsNullOrWhiteSpace(feed.Root!.Element(ns + name)?.Value), $"feed lacks {name}"));
        Assert.False(string.IsNullOrWhiteSpace(feed.Root!.Element(ns + "author")?.Element(ns + "name")?.Value), "feed lacks an author");
        var entry = Assert.Single(feed.Root!.Elements(ns + "entry"));
        Assert.All(new[] { "id", "title", "updated" }, name => Assert.False(string.IsNullOrWhiteSpace(entry.Element(ns + name)?.Value), $"entry lacks {name}"));
        Assert.Equal("US vs China News - 2026-01-12", entry.Element(ns + "title")!.Value);
        Assert.EndsWith("/topics/us-china/2026-01-12", entry.Element(ns + "id")!.Value);
    }

    [Theory]
    [InlineData("/TOPICS/us-china/2026-01-12", "/topics/us-china/2026-01-12")]
    [InlineData("/topics/US-China/2026-01-12?x=1", "/topics/us-china/2026-01-12?x=1")]
    [InlineData("/topics/us-china/2026-01-12/", "/topics/us-china/2026-01-12")]
    [InlineData("/Outlets", "/outlets")]
    [InlineData("/TOPICS/a%0D%0Ab", "/topics/a%0D%0Ab")]
    public async Task Other_spellings_of_a_reader_page_redirect_permanently_to_its_one_spelling(string path, string canonical)
    {
        var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_a_public_address_configured_no_host_header_makes_a_new_cache_entry()
    {
        await using var app = new AppFactory(fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Hosting:PublicBaseUrl"] = "https://news.example.org" });
        using var client = Browserless.Client(app);
        async Task<HttpResponseMessage> GetAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/us-china/2026-01-12");
            request.Headers.Host = host;
            return await client.SendAsync(request);
        }

        var first = await GetAsync("localhost");
        var otherHost = await GetAsync("evil.example");
        var yetAnother = await GetAsync("x.evil.example");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(otherHost.Headers.Age);
        Assert.NotNull(yetAnother.Headers.Age);
        Assert.DoesNotContain("evil.example", await otherHost.Content.ReadAsStringAsync());
    }
}

/// <summary>The reader pages when their data changes: each test on a database and app of its own, prepared as above.</summary>
public sealed class DigestPageChangesTests : IAsyncLifetime
{
    private readonly DigestPagesFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task A_javascript_link_is_not_rendered_as_a_link()
    {
        await using (var db = fixture.Database.CreateContext())
        {
            var line = await db.DigestArticles.OrderBy(a => a.Position).FirstAsync();
            await db.DigestArticles.Where(a => a.DigestId == line.DigestId && a.Position == line.Position)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Link, "javascript:alert(1)"));
        }
        await fixture.EvictAsync();

        var page = await fixture.PageAsync("/topics/us-china/2026-01-12");

        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(page.QuerySelectorAll("ol.sources > li").Length - 1, page.QuerySelectorAll("ol.sources a[target=_blank]").Length);
    }

    [Fact]
    public async Task The_home_page_runs_as_many_queries_for_six_topics_as_for_one()
    {
        // The fewest of three renderings: the app's own start-up jobs may query the database during one of them.
        async Task<int> QueriesForHomeAsync()
        {
            var counts = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                await fixture.EvictAsync();
                using var counter = new QueryCounter(fixture.Database.Name);
                Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/")).StatusCode);
                counts.Add(counter.Count);
            }
            return counts.Min();
        }
        var one = await QueriesForHomeAsync();
        await using (var db = fixture.Database.CreateContext())
        {
            var digest = await db.Digests.AsNoTracking().Include(d => d.Sides).Include(d => d.Highlights).FirstAsync();
            for (var i = 0; i < 5; i++)
            {
                var topic = await TestData.AddTopicAsync(db, $"topic-{i}");
                db.Digests.Add(new Aggregator.Model.Digest
                {
                    TopicId = topic.Id, Date = digest.Date, Version = 1, Title = $"Topic {i}", TopicSlug = topic.Slug, TopicName = topic.Name,
                    GeneratedAt = digest.GeneratedAt, WindowStart = digest.WindowStart, WindowEnd = digest.WindowEnd, Highlighter = "extractive", ContentHash = "h",
                    Sides = digest.Sides.Select(s => new DigestSide { Side = s.Side, Name = s.Name, Position = s.Position }).ToList(),
                    Highlights = digest.Highlights.Select(h => new DigestHighlight { Position = h.Position, Side = h.Side, Text = h.Text }).ToList(),
                });
            }
            await db.SaveChangesAsync();
        }

        var six = await QueriesForHomeAsync();

        Assert.True(one > 0);
        Assert.Equal(one, six);
        Assert.Equal(6, new HtmlParser().ParseDocument(await fixture.Client.GetStringAsync("/")).QuerySelectorAll("section.digest-card .balance").Length);
    }
}

/// <summary>A database with the sample feed imported, one hostile headline added, and 2026-01-12 published; the app on it.</summary>
public sealed class DigestPagesFixture : IAsyncLifetime
{
    private static readonly DateTimeOffset WindowEnd = new(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; } = new SeededTestDatabase();
    public AppFactory App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppFactory(Database.ConnectionString);
        Client = Browserless.Client(App);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
        var topicId = await scope.ServiceProvider.GetRequiredService<Aggregator.Storage.AppDbContext>().Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
            new ParsedItem("evil-1", "https://www.nytimes.com/evil", "<script>alert('x')</script> Beijing & Washington talk", "The New York Times", "https://www.nytimes.com", WindowEnd.AddMinutes(-1))
        ), "en-US", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public async Task EvictAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Aggregator.Caching.ReaderPageCache>().EvictAsync(CancellationToken.None);
    }
}
