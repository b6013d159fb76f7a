using System.Text;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Fetching;

/// <summary>
/// A corpus of hostile and broken feeds and HTTP behaviours, all in one topic beside a good feed: each is recorded as
/// a named failure or stored sanitized, the whole refresh ends in bounded time, and the good feed is still ingested.
/// </summary>
public sealed class BadInputCorpusTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private FeedServer _server = null!;

    /// <summary>A case: the feed's path on the test server, and the failure its run records (null: it is stored).</summary>
    private sealed record Case(string Name, string Path, string? ErrorKind);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string Item(string name, string title, string? link = null, string extra = "") =>
        $"<item><title>{title}</title><link>{link ?? $"https://corpus.example/{name}"}</link><guid isPermaLink=\"false\">{name}</guid>{extra}</item>";

    private static string Rss(string items, string head = "<title>Corpus</title><link>https://corpus.example/</link>") =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>{head}{items}</channel></rss>";

    /// <summary>A feed whose title holds bytes that are not UTF-8 although the feed says it is.</summary>
    private static byte[] InvalidUtf8()
    {
        var parts = Rss(Item("invalid-utf8", "Broken bytes: @@ end")).Split("@@");
        return [.. Encoding.UTF8.GetBytes(parts[0]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(parts[1])];
    }

    private Case Body(string name, string? errorKind, string text) => Body(name, errorKind, Encoding.UTF8.GetBytes(text));

    private Case Body(string name, string? errorKind, byte[] bytes)
    {
        _server.Bodies[name] = bytes;
        return new Case(name, $"/body/{name}", errorKind);
    }

    private List<Case> Corpus() =>
    [
        new("xxe", "/feeds/xxe.xml", "parse-dtd-prohibited"),
        new("billion-laughs", "/feeds/billion-laughs.xml", "parse-dtd-prohibited"),
        Body("external-dtd", "parse-dtd-prohibited", "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://corpus.example/rss.dtd\"><rss version=\"2.0\"><channel/></rss>"),
        Body("quadratic-title", null, Rss(Item("quadratic-title", "<![CDATA[Brackets " + new string('<', 4_000_000) + "]]>"))),
        Body("deep-nesting", "parse-too-deep", Rss(string.Concat(Enumerable.Repeat("<x>", 40_000)) + string.Concat(Enumerable.Repeat("</x>", 40_000)))),
        new("truncated", "/feeds/truncated.xml", "parse-malformed"),
        new("html-page", "/html", "parse-html-page"),
        new("not-a-feed", "/feeds/not-a-feed.xml", "parse-unknown-format"),
        Body("empty-body", "parse-empty", ""),
        Body("whitespace-body", "parse-empty", "   \n\t  "),
        Body("not-xml", "parse-malformed", "{\"json\": \"instead\"}"),
        Body("invalid-utf8", null, InvalidUtf8()),
        new("wrong-encoding", "/feeds/wrong-encoding.xml", null),
        new("gb2312", "/feeds/gb2312.xml", null),
        Body("utf16", null, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Rss(Item("utf16", "Sixteen-bit text")).Replace("utf-8", "utf-16"))]),
        new("control-characters", "/feeds/control-characters.xml", null),
        Body("ten-thousand-character-title", null, Rss(Item("long-title", new string('T', 10_000)))),
        Body("script-tags", null, Rss(Item("script-tags", "&lt;script&gt;alert(1)&lt;/script&gt;Talks resume"))),
        Body("event-handlers", null, Rss(Item("event-handlers", "&lt;img src=x onerror=alert(1)&gt;Tariffs rise"))),
        Body("javascript-link", null, Rss(Item("kept", "A good item") + Item("javascript-link", "Dropped", "javascript:alert(1)"))),
        Body("data-link", null, Rss(Item("kept-data", "A good item") + Item("data-link", "Dropped", "data:text/html,hi"))),
        Body("relative-link", null, Rss(Item("kept-relative", "A good item") + Item("relative-link", "Dropped", "/relative/path"))),
        Body("bidi-outlet", null, Rss(Item("bidi-outlet", "Bidi outlet item", extra: "<source url=\"https://bidi.example\">Evil\u202Egnp.exe Times</source>"),
            "<title>\"US China\" - Google News</title><link>https://news.google.com/search?q=x</link>")),
        Body("year-0001", null, Rss(Item("year-0001", "Ancient date", extra: "<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate>"))),
        Body("year-9999", null, Rss(Item("year-9999", "Far future date", extra: "<pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate>"))),
        new("garbage-dates", "/feeds/bad-dates.xml", null),
        Body("missing-title", null, Rss(Item("kept-title", "A good item") + "<item><link>https://corpus.example/untitled</link></item>")),
        Body("missing-link", null, Rss(Item("kept-link", "A good item") + "<item><title>No link</title></item>")),
        Body("duplicate-guids", null, Rss(Item("same-guid", "First") + Item("same-guid", "Second", "https://corpus.example/other"))),
        Body("over-long-link", null, Rss(Item("over-long-link", "Too long", "https://corpus.example/" + new string('p', 5000)) + Item("kept-long", "A good item"))),
        Body("over-long-guid", null, Rss(Item(new string('g', 2000), "Too long id", "https://corpus.example/long-guid") + Item("kept-guid", "A good item"))),
        Body("twenty-thousand-items", null, Rss(string.Concat(Enumerable.Range(0, 20_000).Select(i => Item($"bulk-{i}", $"Bulk item {i}"))))),
        // A hundred thousand items is over the 5 MB body cap: refused while reading, never parsed.
        Body("hundred-thousand-items", "too-large", Rss(string.Concat(Enumerable.Range(0, 100_000).Select(i => Item($"huge-{i}", $"Huge item {i}"))))),
        new("cdata-markup", "/feeds/cdata.xml", null),
        new("double-escaped-entities", "/feeds/entities.xml", null),
        new("empty-feed", "/feeds/empty-feed.xml", null),
        Body("rss-without-channel", "parse-unknown-format", "<rss version=\"2.0\"><item><title>x</title></item></rss>"),
        Body("comments-and-instructions", null, Rss("<!-- a comment --><?pi data?>" + Item("noise", "Noisy but fine"))),
        new("server-error", "/status/503", "server-error"),
        new("rate-limited", "/status/429", "rate-limited"),
        new("forbidden", "/status/403", "forbidden"),
        new("not-found", "/status/404", "http-error"),
        new("hanging", "/hang", "timeout"),
        new("endless-slow-body", "/slow-body", "timeout"),
        new("twenty-megabytes", "/big", "too-large"),
        new("declared-twenty-megabytes", "/big?declared=true", "too-large"),
        new("gzip-bomb", "/gzip-bomb", "too-large"),
        new("consent-redirect", "/consent", "consent-redirect"),
        new("unsupported-redirect", "/unsupported", "unsupported-redirect"),
    ];

    [Fact]
    public async Task Every_bad_input_is_a_named_failure_or_a_sanitized_result_and_the_good_feed_is_still_stored()
    {
        var corpus = Corpus();
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "corpus", [
                TestData.DirectFeed("good", _server.Url("/feeds/" + Fixtures.GoogleNewsUsChina)),
                .. corpus.Select(c => TestData.DirectFeed(c.Name, _server.Url(c.Path))),
                TestData.DirectFeed("refused-connection", FeedServer.RefusingUrl())]);
        await using var services = TestServices.Create(_database.ConnectionString);

        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TopicRefresher>()
                .RefreshAsync("corpus", FetchTriggers.Cli, onlyDue: false, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        await using var check = _database.CreateContext();
        var names = await check.Feeds.ToDictionaryAsync(f => f.Id, f => f.Name);
        var runs = (await check.FetchRuns.ToListAsync()).ToDictionary(r => names[r.FeedId!.Value]);
        Assert.True(corpus.Count >= 40, $"{corpus.Count} cases");
        Assert.All(corpus, c => Assert.True(
            c.ErrorKind is null ? runs[c.Name].Outcome == FetchOutcome.Succeeded : runs[c.Name].ErrorKind == c.ErrorKind,
            $"{c.Name}: {runs[c.Name].Outcome} {runs[c.Name].ErrorKind} {runs[c.Name].Error}"));
        Assert.Equal(("connection-failed", FetchOutcome.Succeeded, 20), (runs["refused-connection"].ErrorKind, runs["good"].Outcome, runs["good"].ItemsNew));
        Assert.Equal((2, 1), (runs["over-long-link"].ItemsSeen, runs["over-long-link"].ItemsSkipped));
        Assert.Equal(20_000, runs["twenty-thousand-items"].ItemsNew);

        var articles = await check.Articles.Select(a => new { a.Headline, a.Link, a.SourceName, a.PublishedAt }).ToListAsync();
        Expect.All(articles, 20_047, a =>
        {
            Assert.False(a.Headline.Contains('<') && (a.Headline.Contains("<script", StringComparison.OrdinalIgnoreCase) || a.Headline.Contains("<img", StringComparison.OrdinalIgnoreCase)), a.Headline);
            Assert.DoesNotContain(a.Headline + a.SourceName, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E');
            Assert.True(a.Link.StartsWith("https://", StringComparison.Ordinal) || a.Link.StartsWith("http://", StringComparison.Ordinal), a.Link);
            Assert.True(a.PublishedAt <= DateTimeOffset.UtcNow.AddHours(2), $"{a.Headline}: {a.PublishedAt}");
        });
        Assert.DoesNotContain(articles, a => a.Link.Contains("javascript:") || a.Link.StartsWith("data:"));
    }
}
