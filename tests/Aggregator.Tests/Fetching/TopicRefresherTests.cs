using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Fetching;

/// <summary>Fetches against a real HTTP server on 127.0.0.1: every failure is recorded, and never stops the other feeds.</summary>
public sealed class TopicRefresherTests(ResettableTestDatabase database) : IClassFixture<ResettableTestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database = database;
    private FeedServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _server = await FeedServer.StartAsync();
        _services = TestServices.Create(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Fetching:MaxRetryAfter"] = "00:00:05",
            ["Fetching:MaxBodyBytes"] = (5 * 1024 * 1024).ToString(),
            ["Fetching:GoogleNewsBaseUrl"] = _server.BaseUri.AbsoluteUri,
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<IReadOnlyList<FeedRefreshSummary>> RefreshAsync(string slug)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync(slug, FetchTriggers.Cli, onlyDue: false, CancellationToken.None);
    }

    private async Task<FetchRun> LastRunAsync(string feedName)
    {
        await using var db = _database.CreateContext();
        var feed = await db.Feeds.SingleAsync(f => f.Name == feedName);
        return await db.FetchRuns.Where(r => r.FeedId == feed.Id).OrderByDescending(r => r.Id).FirstAsync();
    }

    private async Task<Feed> FeedAsync(string feedName)
    {
        await using var db = _database.CreateContext();
        return await db.Feeds.SingleAsync(f => f.Name == feedName);
    }

    [Fact]
    public async Task A_200_stores_the_articles_and_records_status_counts_and_caching_headers()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "ok", TestData.DirectFeed("good", _server.Url("/feeds/" + Fixtures.GoogleNewsUsChina)));

        await RefreshAsync("ok");

        var run = await LastRunAsync("good");
        Assert.Equal((FetchOutcome.Succeeded, 200, 20, 20, 0), (run.Outcome, run.HttpStatus, run.ItemsSeen, run.ItemsNew, run.ItemsDuplicate));
        Assert.NotNull(run.FinishedAt);
        var feed = await FeedAsync("good");
        Assert.Equal("\"fixture-v1\"", feed.ETag);
        Assert.Equal("Mon, 12 Jan 2026 04:00:00 GMT", feed.LastModified);
        Assert.Equal(0, feed.ConsecutiveFailures);
        Assert.StartsWith("Aggregator/", _server.Requests.First().UserAgent);
    }

    [Fact]
    public async Task A_second_fetch_sends_the_etag_and_a_304_changes_nothing_stored()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "etag", TestData.DirectFeed("cached", _server.Url("/feeds/" + Fixtures.GoogleNewsUsChina)));

        await RefreshAsync("etag");
        await RefreshAsync("etag");

        var run = await LastRunAsync("cached");
        Assert.Equal((FetchOutcome.NotModified, 304), (run.Outcome, run.HttpStatus));
        Assert.Equal("\"fixture-v1\"", _server.Requests.Last().IfNoneMatch);
        await using var check = _database.CreateContext();
        Assert.Equal(20, await check.Articles.CountAsync());
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_then_recorded_as_rate_limited_with_backoff()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "limited", TestData.DirectFeed("limited", _server.Url("/status/429?retryAfter=1")));
        var clock = new ManualClock();
        await using var services = TestServices.Create(_database.ConnectionString, configure: s => s.AddSingleton<TimeProvider>(clock));
        var started = clock.GetUtcNow();
        int Attempts() => _server.RequestCount("/status/429");

        await using var scope = services.CreateAsyncScope();
        var refresh = scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("limited", FetchTriggers.Cli, onlyDue: false, CancellationToken.None);
        // Each retry waits exactly the server's Retry-After (1 s), then goes.
        await clock.AssertWaitsExactlyAsync(1, TimeSpan.FromSeconds(1), () => Attempts() == 2);
        await clock.AssertWaitsExactlyAsync(2, TimeSpan.FromSeconds(1), () => Attempts() == 3);
        await refresh;

        var run = await LastRunAsync("limited");
        Assert.Equal((FetchOutcome.Failed, 429, "rate-limited"), (run.Outcome, run.HttpStatus, run.ErrorKind));
        var feed = await FeedAsync("limited");
        Assert.Equal(1, feed.ConsecutiveFailures);
        Assert.Equal(started + TimeSpan.FromSeconds(2) + TimeSpan.FromMinutes(30), feed.NextCheckAt);
        Assert.Contains("rate-limited", feed.LastError);
    }

    [Fact]
    public async Task A_500_then_200_succeeds_on_the_retry()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "flaky", TestData.DirectFeed("flaky", _server.Url("/flaky/a")));

        await RefreshAsync("flaky");

        Assert.Equal(2, _server.RequestCount("/flaky/a"));
        var run = await LastRunAsync("flaky");
        Assert.Equal((FetchOutcome.Succeeded, 200, 20), (run.Outcome, run.HttpStatus, run.ItemsNew));
    }

    [Fact]
    public async Task Every_failure_is_recorded_by_name_and_the_topics_other_feeds_are_still_fetched()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "mixed",
                TestData.DirectFeed("server-error", _server.Url("/status/503")),
                TestData.DirectFeed("hanging", _server.Url("/hang")),
                TestData.DirectFeed("slow-body", _server.Url("/slow-body")),
                TestData.DirectFeed("consent", _server.Url("/consent")),
                TestData.DirectFeed("unsupported", _server.Url("/unsupported")),
                TestData.DirectFeed("refused", FeedServer.RefusingUrl()),
                TestData.DirectFeed("huge", _server.Url("/big")),
                TestData.DirectFeed("huge-declared", _server.Url("/big?declared=true")),
                TestData.DirectFeed("html", _server.Url("/html")),
                TestData.DirectFeed("forbidden", _server.Url("/status/403")),
                TestData.DirectFeed("good", _server.Url("/moved/" + Fixtures.GoogleNewsUsChina)));

        var summaries = await RefreshAsync("mixed");

        Assert.Equal(11, summaries.Count);
        var kinds = new Dictionary<string, string?>();
        foreach (var name in new[] { "server-error", "hanging", "slow-body", "consent", "unsupported", "refused", "huge", "huge-declared", "html", "forbidden", "good" })
            kinds[name] = (await LastRunAsync(name)).ErrorKind;
        Assert.Equal("server-error", kinds["server-error"]);
        Assert.Equal("timeout", kinds["hanging"]);
        Assert.Equal("timeout", kinds["slow-body"]);
        Assert.Equal("consent-redirect", kinds["consent"]);
        Assert.Equal("unsupported-redirect", kinds["unsupported"]);
        Assert.Equal("connection-failed", kinds["refused"]);
        Assert.Equal("too-large", kinds["huge"]);
        Assert.Equal("too-large", kinds["huge-declared"]);
        Assert.Equal("parse-html-page", kinds["html"]);
        Assert.Equal("forbidden", kinds["forbidden"]);
        Assert.Null(kinds["good"]);
        Assert.Equal(3, _server.RequestCount("/status/503"));
        Assert.Equal(1, _server.RequestCount("/status/403"));

        await using var db2 = _database.CreateContext();
        Assert.Equal(20, await db2.Articles.CountAsync());
        var failing = await db2.Feeds.Where(f => f.Topic!.Slug == "mixed" && f.Name != "good").ToListAsync();
        Expect.All(failing, 10, f => Assert.True(f.ConsecutiveFailures == 1 && f.LastError is not null && f.NextCheckAt > DateTimeOffset.UtcNow, f.Name));
        Expect.All(await db2.FetchRuns.ToListAsync(), 11, r => Assert.NotEqual(FetchOutcome.Running, r.Outcome));
    }

    [Fact]
    public async Task Failures_after_articles_were_stored_lose_nothing()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "then-broken", TestData.DirectFeed("changes", _server.Url("/feeds/" + Fixtures.GoogleNewsUsChina)));
        await RefreshAsync("then-broken");
        await using (var db = _database.CreateContext())
        {
            var feed = await db.Feeds.SingleAsync(f => f.Name == "changes");
            feed.Url = _server.Url("/feeds/truncated.xml").AbsoluteUri;
            feed.ETag = null;
            await db.SaveChangesAsync();
        }

        await RefreshAsync("then-broken");

        Assert.Equal("parse-malformed", (await LastRunAsync("changes")).ErrorKind);
        await using var check = _database.CreateContext();
        Assert.Equal(20, await check.Articles.CountAsync());
    }

    [Fact]
    public async Task Compressed_responses_are_decompressed()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "gzip", TestData.DirectFeed("gzip", _server.Url("/gzip/" + Fixtures.GoogleNewsUsChina)));

        await RefreshAsync("gzip");

        Assert.Equal(20, (await LastRunAsync("gzip")).ItemsNew);
    }

    [Fact]
    public async Task A_google_news_feed_is_fetched_from_the_search_url_built_from_its_query_and_edition()
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "google", TestData.GoogleFeed("search", "\"US China\" when:1d"));

        await RefreshAsync("google");

        var run = await LastRunAsync("search");
        Assert.Equal(FetchOutcome.Succeeded, run.Outcome);
        Assert.EndsWith("/rss/search?q=%22US%20China%22%20when%3A1d&hl=en-US&gl=US&ceid=US:en", run.Source);
        await using var check = _database.CreateContext();
        Expect.All(await check.Articles.ToListAsync(), 20, a => Assert.Equal("en-US", a.Locale));
    }

    [Fact]
    public async Task Each_request_to_one_host_waits_for_the_per_host_pause_on_the_apps_clock()
    {
        var pause = TimeSpan.FromMinutes(1);
        var clock = new ManualClock();
        await using var services = TestServices.Create(_database.ConnectionString,
            new Dictionary<string, string?> { ["Fetching:PerHostPause"] = pause.ToString() }, s => s.AddSingleton<TimeProvider>(clock));
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "paced",
                TestData.DirectFeed("one", _server.Url("/feeds/atom.xml")),
                TestData.DirectFeed("two", _server.Url("/feeds/cdata.xml")),
                TestData.DirectFeed("three", _server.Url("/feeds/missing-guid.xml")));

        await using var scope = services.CreateAsyncScope();
        var refresh = scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("paced", FetchTriggers.Cli, onlyDue: false, CancellationToken.None);
        await clock.AssertWaitsExactlyAsync(1, pause, () => _server.Requests.Count == 2);
        await clock.AssertWaitsExactlyAsync(2, pause, () => _server.Requests.Count == 3);
        await refresh;

        Assert.Equal(3, _server.Requests.Count);
        await using var check = _database.CreateContext();
        Assert.Equal(3, await check.FetchRuns.CountAsync(r => r.Outcome == FetchOutcome.Succeeded));
    }

    [Fact]
    public async Task A_run_left_running_by_a_fetch_that_died_is_marked_interrupted_by_the_next_fetch_of_its_feed()
    {
        int feedId, topicId;
        await using (var db = _database.CreateContext())
        {
            var topic = await TestData.AddTopicAsync(db, "outage", TestData.DirectFeed("feed", _server.Url("/feeds/atom.xml")));
            (feedId, topicId) = (topic.Feeds[0].Id, topic.Id);
            db.FetchRuns.Add(FetchRun.Start(topicId, feedId, FetchTriggers.Schedule, "https://before.example", DateTimeOffset.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        await RefreshAsync("outage");

        await using var check = _database.CreateContext();
        var runs = await check.FetchRuns.Where(r => r.FeedId == feedId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([(FetchOutcome.Failed, "interrupted"), (FetchOutcome.Succeeded, null)], runs.Select(r => (r.Outcome, r.ErrorKind)));
    }

    [Fact]
    public async Task A_scheduled_refresh_skips_feeds_that_are_not_due()
    {
        await using (var db = _database.CreateContext())
        {
            var notDue = TestData.DirectFeed("not-due", _server.Url("/feeds/atom.xml"));
            notDue.NextCheckAt = DateTimeOffset.UtcNow.AddHours(1);
            await TestData.AddTopicAsync(db, "due", notDue, TestData.DirectFeed("due", _server.Url("/feeds/cdata.xml")));
        }

        await using var scope = _services.CreateAsyncScope();
        var summaries = await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("due", FetchTriggers.Schedule, onlyDue: true, CancellationToken.None);

        Assert.Equal("due", Assert.Single(summaries).Feed);
        Assert.Equal(0, _server.RequestCount("/feeds/atom.xml"));
    }
}
