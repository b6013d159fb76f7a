using System.Data.Common;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Ingestion;

public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// Stops the work when the first article batch is about to commit: its rows are written inside the transaction
    /// but not committed, as when the process is killed mid-batch.
    /// </summary>
    private sealed class KillBeforeFirstCommit(CancellationTokenSource kill) : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            kill.Cancel();
            kill.Token.ThrowIfCancellationRequested();
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task A_fetch_killed_mid_batch_stores_nothing_of_it_and_the_rerun_stores_each_article_once()
    {
        await using var server = await FeedServer.StartAsync();
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "crash", TestData.DirectFeed("feed", server.Url("/feeds/" + Fixtures.GoogleNewsUsChina)));
        using var kill = new CancellationTokenSource();
        await using (var crashing = TestServices.Create(_database.ConnectionString,
                         configure: services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new KillBeforeFirstCommit(kill)))))
        await using (var scope = crashing.CreateAsyncScope())
        {
            var refresher = scope.ServiceProvider.GetRequiredService<TopicRefresher>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refresher.RefreshAsync("crash", FetchTriggers.Cli, false, kill.Token));
        }
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(0, await db.Articles.CountAsync(a => a.SourceName == "Forbes"));
            Assert.Equal(FetchOutcome.Running, (await db.FetchRuns.SingleAsync(r => r.Source!.Contains("/feeds/"))).Outcome);
        }

        await using var services = TestServices.Create(_database.ConnectionString);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("crash", FetchTriggers.Cli, false, CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("crash", FetchTriggers.Cli, false, CancellationToken.None);

        await using var check = _database.CreateContext();
        var topicId = await check.Topics.Where(t => t.Slug == "crash").Select(t => t.Id).SingleAsync();
        Assert.Equal(20, await check.ArticleTopics.CountAsync(m => m.TopicId == topicId));
        Assert.Equal(20, await check.Articles.CountAsync(a => check.ArticleTopics.Any(m => m.TopicId == topicId && m.ArticleId == a.Id)));
    }

    [Fact]
    public async Task A_run_cut_off_after_part_of_the_feed_was_committed_is_completed_by_the_next_run_without_duplicates()
    {
        await using var services = TestServices.Create(_database.ConnectionString);
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "partial");
        var feed = FeedParser.Parse(Fixtures.Feed(Fixtures.GoogleNewsUsChina)).Feed!;
        var firstHalf = feed with { Items = feed.Items.Take(10).ToList() };
        int topicId;
        await using (var db = _database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "partial").Select(t => t.Id).SingleAsync();

        IngestResult first, whole;
        await using (var scope = services.CreateAsyncScope())
            first = await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, firstHalf, "en-US", CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
            whole = await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, feed, "en-US", CancellationToken.None);

        Assert.Equal(10, first.New);
        Assert.Equal((10, 10), (whole.New, whole.Duplicate));
        await using var check = _database.CreateContext();
        Assert.Equal(20, await check.ArticleTopics.CountAsync(m => m.TopicId == topicId));
    }

    [Fact]
    public async Task The_same_story_from_the_same_outlet_under_another_link_is_one_article_and_joins_every_topic_it_appears_in()
    {
        await using var services = TestServices.Create(_database.ConnectionString);
        int topicA, topicB;
        await using (var db = _database.CreateContext())
        {
            topicA = (await TestData.AddTopicAsync(db, "story-a")).Id;
            topicB = (await TestData.AddTopicAsync(db, "story-b")).Id;
        }
        var item = new ParsedItem("guid-x", "https://example.org/a?utm_source=rss", "Same headline, again", "Example Daily", "https://www.example-daily.com", DateTimeOffset.UtcNow);
        var repost = item with { Guid = "guid-y", Link = "https://example.org/other-link", Headline = "Same Headline — again" };
        var tracked = item with { Guid = null, Link = "https://EXAMPLE.org/a#comments" };

        IngestResult a, b;
        await using (var scope = services.CreateAsyncScope())
            a = await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicA, TestData.GoogleNewsFeed(item, repost), "en-US", CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
            b = await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicB, TestData.GoogleNewsFeed(tracked, repost), "en-US", CancellationToken.None);

        Assert.Equal((1, 1), (a.New, a.Duplicate));
        Assert.Equal((0, 2), (b.New, b.Duplicate));
        await using var check = _database.CreateContext();
        var article = await check.Articles.SingleAsync(x => x.Guid == "guid-x");
        Assert.Equal([topicA, topicB], await check.ArticleTopics.Where(m => m.ArticleId == article.Id).Select(m => m.TopicId).OrderBy(id => id).ToListAsync());
    }

    [Fact]
    public async Task An_outlets_own_feed_cannot_pass_its_items_off_as_another_outlets()
    {
        await using var services = TestServices.Create(_database.ConnectionString);
        int topicId;
        await using (var db = _database.CreateContext())
        {
            topicId = (await TestData.AddTopicAsync(db, "spoof")).Id;
            await TestData.AddOutletAsync(db, "Reuters", Side.China, ["reuters.com"]);
            await TestData.AddOutletAsync(db, "Smalltown Gazette", Side.Us, ["smalltown-gazette.example"]);
        }
        var item = new ParsedItem("s1", "https://www.smalltown-gazette.example/story", "Our own story", "Reuters", "https://www.reuters.com", DateTimeOffset.UtcNow);

        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId,
                new ParsedFeed("Smalltown Gazette", "en", "https://www.smalltown-gazette.example/", [item], 0), null, CancellationToken.None);

        await using var check = _database.CreateContext();
        var article = await check.Articles.Include(a => a.Outlet).SingleAsync();
        Assert.Equal(("Smalltown Gazette", Side.Us, "Smalltown Gazette", null), (article.Outlet!.Name, article.Side, article.SourceName, article.SourceUrl));
    }
}
