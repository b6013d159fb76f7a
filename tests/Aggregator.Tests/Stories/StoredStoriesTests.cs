using System.Net;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Stories;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Stories;

/// <summary>Stories stored at ingest, kept stable across fetches, rebuilt by recluster, and corrected by admins.</summary>
[RunsLong(6)]
public sealed class StoredStoriesTests(StoredStoriesSite site) : IClassFixture<StoredStoriesSite>, IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 6, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = site.Database;
    private readonly AppFactory _app = site.App;
    private readonly int _topicId = site.TopicId;

    public Task InitializeAsync() => site.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static ParsedItem Item(int outlet, string headline, double hours) =>
        new($"item-{outlet}-{headline}", $"https://outlet{outlet}.example/{Uri.EscapeDataString(headline)}", headline,
            $"Outlet {outlet}", $"https://outlet{outlet}.example", Morning.AddHours(hours));

    private async Task IngestAsync(params ParsedItem[] items)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(_topicId, TestData.GoogleNewsFeed(items), "en-US", CancellationToken.None);
        // What the placement job does after a fetch.
        await scope.ServiceProvider.GetRequiredService<StoryStore>().PlaceUnplacedAsync(_topicId, CancellationToken.None);
    }

    private async Task<Dictionary<string, long?>> StoriesByHeadlineAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ArticleTopics.Where(m => m.TopicId == _topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { a.Headline, m.StoryId })
            .ToDictionaryAsync(x => x.Headline, x => x.StoryId);
    }

    private static readonly ParsedItem[] FirstFetch =
    [
        Item(1, "Soybean shipments to China resume under tariff truce", 0),
        Item(2, "China resumes purchases of US soybeans as tariff truce holds", 0.5),
        Item(3, "Commerce Department tightens export rules on advanced AI chips", 1),
        Item(4, "Beijing condemns new US export rules on AI chips", 1.5),
        Item(5, "Record grain harvest reported across northeastern provinces", 2),
    ];

    [Fact]
    public async Task Every_stored_article_gets_its_story_and_a_later_fetch_adds_to_the_same_story_id()
    {
        await IngestAsync(FirstFetch);
        var first = await StoriesByHeadlineAsync();

        Expect.All(first.Values, 5, story => Assert.NotNull(story));
        Assert.Equal(first["Soybean shipments to China resume under tariff truce"], first["China resumes purchases of US soybeans as tariff truce holds"]);
        Assert.Equal(first["Commerce Department tightens export rules on advanced AI chips"], first["Beijing condemns new US export rules on AI chips"]);
        Assert.Equal(3, first.Values.Distinct().Count());

        await IngestAsync([.. FirstFetch, Item(6, "Tariff truce lifts soybean shipments to China", 3), Item(7, "Typhoon makes landfall in Guangdong", 3)]);
        var second = await StoriesByHeadlineAsync();

        Expect.All(first, 5, pair => Assert.Equal(pair.Value, second[pair.Key]));
        Assert.Equal(first["Soybean shipments to China resume under tariff truce"], second["Tariff truce lifts soybean shipments to China"]);
        Assert.DoesNotContain(second["Typhoon makes landfall in Guangdong"], first.Values);
        await using var db = _database.CreateContext();
        var soybeans = await db.Stories.SingleAsync(s => s.Id == second["Tariff truce lifts soybean shipments to China"]);
        Assert.Equal((3, Morning, Morning.AddHours(3)), (soybeans.ArticleCount, soybeans.FirstArticleAt, soybeans.LastArticleAt));
    }

    [Fact]
    public async Task Recluster_rebuilds_a_range_keeping_story_ids_and_every_admin_decision()
    {
        await IngestAsync(FirstFetch);
        var before = await StoriesByHeadlineAsync();
        using var admin = await Browserless.SignedInAsync(_app, "editor@example.org", admin: true);

        // Split the Beijing chips article out; merge the grain story into the soybean story.
        var beijing = await ArticleIdAsync("Beijing condemns new US export rules on AI chips");
        var split = await Browserless.SubmitFormAsync(admin, "/admin/stories?topic=us-china&date=2026-01-12", $"li[data-article='{beijing}'] form", []);
        var grain = before["Record grain harvest reported across northeastern provinces"]!.Value;
        var soybeans = before["Soybean shipments to China resume under tariff truce"]!.Value;
        var merge = await Browserless.SubmitFormAsync(admin, "/admin/stories?topic=us-china&date=2026-01-12", $"section[data-story='{grain}'] > form", new() { ["into"] = soybeans.ToString() });
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (split.StatusCode, merge.StatusCode));
        var edited = await StoriesByHeadlineAsync();

        var result = await CliHarness.RunAsync(_app.Services, "recluster", "--topic", "us-china", "--from", "2026-01-12", "--to", "2026-01-12");

        Assert.Equal(0, result.ExitCode);
        // Only the Commerce chips article was not placed by an admin; it keeps the story the split left it in.
        Assert.Contains("us-china 2026-01-12..2026-01-12: 1 article placed in 1 story; articles an admin placed were kept.", result.Output);
        Assert.Equal(edited, await StoriesByHeadlineAsync());
        Assert.NotEqual(edited["Beijing condemns new US export rules on AI chips"], edited["Commerce Department tightens export rules on advanced AI chips"]);
        Assert.Equal(soybeans, edited["Record grain harvest reported across northeastern provinces"]);
        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.Where(e => e.Action == AuditActions.StorySplit || e.Action == AuditActions.StoryMerged).ToListAsync();
        Assert.Equal([AuditActions.StoryMerged, AuditActions.StorySplit], audit.Select(e => e.Action).Order());
        Assert.All(audit, e => Assert.Equal("editor@example.org", e.Actor));
        Assert.Equal(soybeans, (await db.Stories.SingleAsync(s => s.Id == grain)).MergedIntoId);
    }

    [Fact]
    public async Task Recluster_after_a_story_was_spread_over_several_gathers_it_under_its_old_id()
    {
        await IngestAsync(FirstFetch);
        var before = await StoriesByHeadlineAsync();
        await using (var db = _database.CreateContext())
        {
            // As if an older engine had scattered the chips story: each article in its own story.
            var beijing = await ArticleIdAsync("Beijing condemns new US export rules on AI chips");
            var orphan = new Story { TopicId = _topicId, CreatedAt = Morning, FirstArticleAt = Morning, LastArticleAt = Morning, ArticleCount = 1 };
            db.Stories.Add(orphan);
            await db.SaveChangesAsync();
            await db.ArticleTopics.Where(m => m.ArticleId == beijing).ExecuteUpdateAsync(s => s.SetProperty(m => m.StoryId, orphan.Id));
        }

        await CliHarness.RunAsync(_app.Services, "recluster", "--topic", "us-china", "--from", "2026-01-12", "--to", "2026-01-12");

        Assert.Equal(before, await StoriesByHeadlineAsync());
    }

    [Fact]
    public async Task A_digest_build_places_articles_stored_before_stories_existed()
    {
        await IngestAsync(FirstFetch);
        var placed = await StoriesByHeadlineAsync();
        await using (var db = _database.CreateContext())
        {
            await db.ArticleTopics.ExecuteUpdateAsync(s => s.SetProperty(m => m.StoryId, (long?)null));
            await db.Stories.ExecuteDeleteAsync();
        }

        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Aggregator.Digests.DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 13), CancellationToken.None);

        var after = await StoriesByHeadlineAsync();
        Expect.All(after.Values, 5, story => Assert.NotNull(story));
        Assert.Equal(placed.Values.Distinct().Count(), after.Values.Distinct().Count());
        Assert.Equal(after["Soybean shipments to China resume under tariff truce"], after["China resumes purchases of US soybeans as tariff truce holds"]);
    }

    [Fact]
    public async Task A_split_needs_another_article_and_a_merge_needs_two_live_stories_of_the_topic()
    {
        await IngestAsync(FirstFetch);
        var stories = await StoriesByHeadlineAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoryStore>();
        var grain = stories["Record grain harvest reported across northeastern provinces"]!.Value;
        var chips = stories["Beijing condemns new US export rules on AI chips"]!.Value;

        var alone = await store.SplitAsync(_topicId, await ArticleIdAsync("Record grain harvest reported across northeastern provinces"), "editor", CancellationToken.None);
        var self = await store.MergeAsync(_topicId, grain, grain, "editor", CancellationToken.None);
        var missing = await store.MergeAsync(_topicId, grain, 999_999, "editor", CancellationToken.None);
        var merged = await store.MergeAsync(_topicId, grain, chips, "editor", CancellationToken.None);
        var again = await store.MergeAsync(_topicId, grain, chips, "editor", CancellationToken.None);

        Assert.Equal(
            (false, false, false, true, false),
            (alone.Succeeded, self.Succeeded, missing.Succeeded, merged.Succeeded, again.Succeeded));
        Assert.Equal($"Story {grain} has no other article to split from.", alone.Message);
        Assert.Equal($"Story {grain} was already merged into another.", again.Message);
    }

    [Fact]
    public async Task Ingest_stores_articles_only_and_placement_embeds_each_headline_once_recluster_only_what_lacks_one()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(_topicId, TestData.GoogleNewsFeed(FirstFetch), "en-US", CancellationToken.None);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(5, await db.ArticleTopics.CountAsync(m => m.TopicId == _topicId && m.StoryId == null));
            Assert.Equal(0, await db.ArticleEmbeddings.CountAsync());
        }

        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<StoryStore>().PlaceUnplacedAsync(_topicId, CancellationToken.None));
        Dictionary<long, DateTimeOffset> made;
        var grain = await ArticleIdAsync("Record grain harvest reported across northeastern provinces");
        await using (var db = _database.CreateContext())
        {
            var embeddings = await db.ArticleEmbeddings.ToListAsync();
            Assert.Equal(5, embeddings.Count);
            Assert.All(embeddings, e => Assert.Equal((MiniLmEmbedder.ModelName, 384), (e.Model, e.Vector.Length)));
            Assert.Equal(0, await db.ArticleTopics.CountAsync(m => m.StoryId == null));
            await db.ArticleEmbeddings.Where(e => e.ArticleId == grain).ExecuteDeleteAsync();
            made = embeddings.Where(e => e.ArticleId != grain).ToDictionary(e => e.ArticleId, e => e.CreatedAt);
        }

        await CliHarness.RunAsync(_app.Services, "recluster", "--topic", "us-china", "--from", "2026-01-12", "--to", "2026-01-12");

        await using (var db = _database.CreateContext())
        {
            var after = await db.ArticleEmbeddings.ToDictionaryAsync(e => e.ArticleId, e => e.CreatedAt);
            Assert.Equal(5, after.Count);
            Expect.All(made, 4, pair => Assert.Equal(pair.Value, after[pair.Key]));
        }
    }

    [Fact]
    public async Task Recluster_refuses_a_range_that_ends_before_it_starts_or_an_unknown_topic()
    {
        var backwards = await CliHarness.RunAsync(_app.Services, "recluster", "--topic", "us-china", "--from", "2026-01-12", "--to", "2026-01-11");
        var unknown = await CliHarness.RunAsync(_app.Services, "recluster", "--topic", "nope", "--from", "2026-01-12", "--to", "2026-01-12");

        Assert.Equal((2, 2), (backwards.ExitCode, unknown.ExitCode));
        Assert.Contains("--to (2026-01-11) is before --from (2026-01-12)", backwards.Error);
        Assert.Contains("no topic 'nope'", unknown.Error);
    }

    private async Task<long> ArticleIdAsync(string headline)
    {
        await using var db = _database.CreateContext();
        return await db.Articles.Where(a => a.Headline == headline).Select(a => a.Id).SingleAsync();
    }
}

/// <summary>
/// The seeded app with a first admin (editor@example.org), idle after its start-up work; <see cref="ResetAsync"/> puts
/// its data back as it was then, so each test places its own articles into no stories of another's.
/// </summary>
public sealed class StoredStoriesSite : IAsyncLifetime
{
    private DatabaseSnapshot _snapshot = null!;

    public TestDatabase Database { get; } = new SeededTestDatabase();
    public AppFactory App { get; private set; } = null!;
    public int TopicId { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Admin:Email"] = "editor@example.org",
            ["Admin:Password"] = "bootstrap passphrase",
        }, eachClientItsOwnAddress: true);
        // The start-up digest of a missed day places unplaced articles: it must not race the placements measured here.
        await HangfireJobs.IdleAsync(App.Services.GetRequiredService<Hangfire.JobStorage>());
        await using (var db = Database.CreateContext())
            TopicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        _snapshot = await DatabaseSnapshot.TakeAsync(Database.ConnectionString);
    }

    public Task ResetAsync() => _snapshot.RestoreAsync(App.Services);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
