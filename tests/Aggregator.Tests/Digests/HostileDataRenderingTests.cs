using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Tests.Digests;

/// <summary>
/// Hostile text stored straight into the database (as if an older version or a direct edit had let it in): no reader
/// page or export turns it into markup, a script, an event handler or a link other than http/https.
/// </summary>
public sealed class HostileDataRenderingTests(HostileDataRenderingTests.Fixture fixture) : IClassFixture<HostileDataRenderingTests.Fixture>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(2)>";
    private const string MarkdownLink = "[click](javascript:alert(3))";
    private static readonly DateOnly Day = new(2026, 1, 12);

    /// <summary>The class's one database and app, prepared once: every test here only reads.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new SeededTestDatabase();
        public AppFactory App { get; private set; } = null!;
        public long StoryId { get; private set; }

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            App = new AppFactory(Database.ConnectionString);
            _ = App.Services;
            await using var db = Database.CreateContext();
            var topic = await db.Topics.SingleAsync(t => t.Slug == "us-china");
            var outlet = await TestData.AddOutletAsync(db, $"{Image} Outlet \u202Egnp.exe", Side.Us, ["hostile.example"]);
            var article = new Article
            {
                Link = "javascript:alert(4)", NormalizedLink = "javascript:alert(4)", Headline = $"{Script} {MarkdownLink} \u0001", NormalizedTitle = "x",
                OutletId = outlet.Id, Side = Side.Us, SourceName = outlet.Name, Locale = "en-US",
                PublishedAt = new DateTimeOffset(2026, 1, 12, 1, 0, 0, TimeSpan.Zero), FirstSeenAt = DateTimeOffset.UtcNow,
            };
            db.Articles.Add(article);
            var story = new Story { TopicId = topic.Id, CreatedAt = DateTimeOffset.UtcNow, FirstArticleAt = article.PublishedAt, LastArticleAt = article.PublishedAt, ArticleCount = 1 };
            db.Stories.Add(story);
            await db.SaveChangesAsync();
            StoryId = story.Id;
            db.ArticleTopics.Add(new ArticleTopic { TopicId = topic.Id, ArticleId = article.Id, AddedAt = DateTimeOffset.UtcNow, StoryId = story.Id });
            await db.SaveChangesAsync();
            db.Digests.Add(new Digest
            {
                TopicId = topic.Id, Date = Day, Version = 1, Title = $"US vs China News {Script}", TopicSlug = topic.Slug, TopicName = topic.Name,
                GeneratedAt = DateTimeOffset.UtcNow, WindowStart = new DateTimeOffset(2026, 1, 11, 4, 0, 0, TimeSpan.Zero), WindowEnd = new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero),
                PerSideCount = 1, Highlighter = "extractive", ContentHash = "h",
                Sides = [new DigestSide { Side = Side.Us, Name = $"United States {Image}", Position = 0, ArticleCount = 1 }, new DigestSide { Side = Side.China, Name = "China", Position = 1, ArticleCount = 0 }],
                Highlights = [new DigestHighlight { Position = 1, Text = $"{MarkdownLink} {Script} \u0002", StoryId = story.Id }, new DigestHighlight { Position = 2, Side = Side.Us, Text = Image }],
                Articles = [new DigestArticle { Position = 1, ArticleId = article.Id, StoryId = story.Id, Side = Side.Us, Headline = article.Headline, Link = article.Link, OutletName = outlet.Name, Locale = "en-US", PublishedAt = article.PublishedAt }],
            });
            await db.SaveChangesAsync();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static void AssertInert(IDocument document, string where)
    {
        Assert.True(document.QuerySelectorAll("script:not([src])").Length == 0 && document.QuerySelectorAll("img").Length == 0, $"{where}: markup from data");
        Assert.True(document.All.All(e => e.Attributes.All(a => !a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), $"{where}: an event handler");
        var hrefs = document.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!).ToList();
        Assert.True(hrefs.All(h => h.StartsWith('/') || h.StartsWith('#') || h.StartsWith("http://", StringComparison.Ordinal) || h.StartsWith("https://", StringComparison.Ordinal)),
            $"{where}: a link that is not http/https: {string.Join(", ", hrefs)}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/topics/us-china")]
    [InlineData("/topics/us-china/2026-01-12")]
    [InlineData("/outlets")]
    [InlineData("/stories/{story}")]
    [InlineData("/articles?q=alert+script")]
    [InlineData("/topics/us-china/blindspots?before=2026-01-13")]
    [InlineData("/topics/us-china/trends?days=365")]
    public async Task Reader_pages_encode_everything(string path)
    {
        using var client = fixture.App.CreateClient();
        path = path.Replace("{story}", fixture.StoryId.ToString());
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInert(new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()), path);
    }

    [Fact]
    public async Task The_markdown_export_renders_inert()
    {
        using var client = fixture.App.CreateClient();
        var markdown = await client.GetStringAsync("/topics/us-china/2026-01-12.md");

        var html = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());

        AssertInert(new HtmlParser().ParseDocument(html), ".md");
        Assert.False(markdown.Any(c => char.IsControl(c) && c is not '\n'), "a control character in the Markdown");
    }

    [Fact]
    public async Task The_atom_feed_is_well_formed_and_its_html_content_is_inert()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/topics/us-china/feed.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var atom = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2005/Atom";
        foreach (var content in atom.Descendants(ns + "content"))
            AssertInert(new HtmlParser().ParseDocument(content.Value), "atom content");
        Expect.All(atom.Descendants(ns + "link"), 3, link => Assert.StartsWith("http", link.Attribute("href")!.Value));
    }

    [Fact]
    public async Task The_json_export_carries_only_http_links()
    {
        using var client = fixture.App.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/topics/us-china/2026-01-12.json"));

        var links = json.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("link")).ToList();

        Expect.All(links, 1, link => Assert.True(link.ValueKind == JsonValueKind.Null || link.GetString()!.StartsWith("http", StringComparison.Ordinal)));
    }
}
