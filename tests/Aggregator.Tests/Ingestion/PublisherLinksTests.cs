using System.Collections.Concurrent;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Storage;
using Aggregator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Ingestion;

/// <summary>The publisher-link stage against a stand-in for Google's two endpoints on 127.0.0.1.</summary>
public sealed class PublisherLinksTests : IAsyncLifetime
{
    private readonly TestDatabase database = new SeededTestDatabase();
    private WebApplication google = null!;
    private AppFactory app = null!;
    private readonly ConcurrentQueue<string> requests = new();

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        google = builder.Build();
        google.Use(async (context, next) =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next();
        });
        // The article page carries the signature and timestamp; an id ending in "w" gets Google's error page instead.
        google.MapGet("/rss/articles/{id}", (string id) => id.EndsWith('w')
            ? Results.StatusCode(500)
            : Results.Content($"<html><body><c-wiz><div jscontroller=\"aLI87\" data-n-a-id=\"{id}\" data-n-a-ts=\"1768190400\" data-n-a-sg=\"sig-{id[^6..]}\"></div></c-wiz></body></html>", "text/html"));
        // The answer names the publisher's URL for the id the request carries (its signature shows which).
        google.MapPost("/_/DotsSplashUi/data/batchexecute", async (HttpContext context) =>
        {
            var request = (await context.Request.ReadFormAsync())["f.req"].ToString();
            var signature = System.Text.RegularExpressions.Regex.Match(request, "sig-([A-Za-z0-9_-]+)").Groups[1].Value;
            var inner = System.Text.Json.JsonSerializer.Serialize(new object[] { "garturlres", $"https://publisher.example/story-{signature}", 1 });
            var outer = System.Text.Json.JsonSerializer.Serialize(new object?[] { new object?[] { "wrb.fr", "Fbv4je", inner, null, null, null, "generic" } });
            return Results.Text($")]}}'\n\n{outer.Length}\n{outer}\n", "application/json");
        });
        await google.StartAsync();
        app = new AppFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Fetching:GoogleNewsBaseUrl"] = google.Urls.Single(),
            ["Fetching:ReplayDirectory"] = "",
            ["Fetching:PerHostPause"] = "00:00:00",
            ["PublisherLinks:PerRun"] = "12",
            ["Admin:Email"] = "boot@example.org",
            ["Admin:Password"] = "bootstrap passphrase",
        }, new ManualClock());
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await google.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Each_new_Google_link_is_looked_up_once_found_urls_reach_the_digest_and_a_failure_keeps_Googles_link()
    {
        var runs = new List<(int Found, int NotFound)>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var topicId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
            var links = scope.ServiceProvider.GetRequiredService<PublisherLinks>();
            for (var run = 0; run < 3; run++) runs.Add(await links.ResolveAsync(topicId, CancellationToken.None));
        }
        // (The app's own start-up fetch asks this stand-in for the topic's search feed too: only look-ups count here.)
        var requestsAfterThreeRuns = requests.Count(r => r.StartsWith("GET /rss/articles/") || r == "POST /_/DotsSplashUi/data/batchexecute");

        await using var db = database.CreateContext();
        var articles = await db.Articles.Where(a => a.Link.StartsWith("https://news.google.com/")).ToListAsync();
        var failing = articles.Count(a => GoogleNewsIdOf(a.Link).EndsWith('w'));
        Assert.Equal(20, articles.Count);
        Assert.Equal(4, failing);
        // Twelve a run at most, each article once: the third run finds nothing left to ask.
        Assert.Equal([12, 8, 0], runs.Select(r => r.Found + r.NotFound));
        Assert.Equal(failing, runs.Sum(r => r.NotFound));
        // A page and a look-up for each found link, the page alone for each failure.
        Assert.Equal(2 * (20 - failing) + failing, requestsAfterThreeRuns);
        Assert.All(articles, a => Assert.NotNull(a.PublisherLinkCheckedAt));
        Expect.All(articles.Where(a => a.PublisherLink is not null).ToList(), 20 - failing,
            a => Assert.Equal($"https://publisher.example/story-{GoogleNewsIdOf(a.Link)[^6..]}", a.PublisherLink));
        Expect.All(articles.Where(a => a.PublisherLink is null).ToList(), failing, a => Assert.Equal("article page: HTTP 500", a.PublisherLinkFailure));
        // Admins see the figures and the latest reason with the topic.
        using (var admin = await Browserless.SignedInAsync(app, "boot@example.org", admin: true))
        {
            var topics = await admin.GetStringAsync("/admin/topics");
            Assert.Contains("16 found, 4 not", topics);
            Assert.Contains("latest failure: article page: HTTP 500", topics);
        }

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);
        // The version readers see: the app's start-up digest of the day may have built an earlier one, before the look-ups.
        var latest = await db.Digests.Where(d => d.Date == new DateOnly(2026, 1, 12)).OrderByDescending(d => d.Version).Select(d => d.Id).FirstAsync();
        var lines = await db.DigestArticles.Where(a => a.DigestId == latest).ToListAsync();
        Assert.NotEmpty(lines);
        Expect.All(lines, lines.Count, line =>
        {
            var article = articles.Single(a => a.Id == line.ArticleId);
            Assert.Equal(article.PublisherLink ?? article.Link, line.Link);
        });
        Assert.Contains(lines, line => line.Link.StartsWith("https://publisher.example/"));
        // Story pages link the publisher too.
        var resolved = lines.First(line => line.Link.StartsWith("https://publisher.example/") && line.StoryId is not null);
        using var reader = Browserless.Client(app);
        Assert.Contains($"href=\"{resolved.Link}\"", await reader.GetStringAsync($"/stories/{resolved.StoryId}"));
    }

    [Fact]
    public async Task In_offline_replay_nothing_is_asked_and_every_article_waits_for_a_run_that_is_online()
    {
        await using var offline = new AppFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Fetching:GoogleNewsBaseUrl"] = google.Urls.Single(),
            ["Fetching:PerHostPause"] = "00:00:00",
        }, new ManualClock());
        await using var scope = offline.Services.CreateAsyncScope();
        var topicId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();

        var result = await scope.ServiceProvider.GetRequiredService<PublisherLinks>().ResolveAsync(topicId, CancellationToken.None);

        Assert.Equal((0, 0), result);
        Assert.DoesNotContain(requests, r => r.StartsWith("GET /rss/articles/") || r.StartsWith("POST /_/"));
        await using var db = database.CreateContext();
        Assert.Equal(20, await db.Articles.CountAsync(a => a.Link.StartsWith("https://news.google.com/") && a.PublisherLinkCheckedAt == null));
    }

    private static string GoogleNewsIdOf(string link) => Aggregator.Fetching.GoogleNewsLinks.ArticleId(link)!;
}
