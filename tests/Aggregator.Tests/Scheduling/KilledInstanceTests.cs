using Aggregator.Model;
using Aggregator.Scheduling;
using Aggregator.Tests.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Scheduling;

/// <summary>An instance killed in the middle of a job: another instance picks the job up and it completes once.</summary>
[RunsLong(20)]
public sealed class KilledInstanceTests : IAsyncLifetime
{
    private readonly SeededTestDatabase _database = new();
    private FeedServer _server = null!;

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

    [Fact]
    public async Task A_job_in_flight_on_a_killed_instance_is_run_again_by_another_and_completes_once()
    {
        await using (var db = _database.CreateContext())
        {
            var topic = await TestData.AddTopicAsync(db, "killed", TestData.DirectFeed("slow", _server.Url("/hang-once/slow")));
            // Every topic disabled: no schedules and no start-up catch-up, so the one job is the one this test queues.
            await db.Topics.ExecuteUpdateAsync(t => t.SetProperty(x => x.Enabled, false));
        }
        using var first = AppProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Registry__SeedOnStartup"] = "false",
            ["Fetching__ReplayDirectory"] = "",
            // Long enough that the job is still waiting for the feed when the process is killed.
            ["Fetching__Timeout"] = "00:05:00",
            ["Scheduler__PollingInterval"] = "00:00:01",
        });
        var storage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_database.ConnectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions { SchemaName = SchedulingExtensions.HangfireSchema, PrepareSchemaIfNecessary = true });
        var jobId = new BackgroundJobClient(storage).Enqueue<FetchTopicJob>(job => job.RunAsync("killed", true, CancellationToken.None));

        await Eventually.ReturnsAsync("the first instance to reach the hanging feed", () => Task.FromResult(_server.RequestCount("/hang-once/slow")), count => count == 1, TimeSpan.FromSeconds(60));
        await first.KillAsync();
        await using var second = new AppFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Scheduler:InvisibilityTimeout"] = "00:00:03",
            ["Fetching:ReplayDirectory"] = "",
        });
        _ = second.Services;

        var result = await HangfireJobs.ResultAsync(storage, jobId);

        Assert.Equal("1 feeds checked, 20 new articles, 0 failed", result);
        Assert.Equal(2, _server.RequestCount("/hang-once/slow"));
        await using var check = _database.CreateContext();
        Assert.Equal(20, await check.Articles.CountAsync());
        var runs = await check.FetchRuns.Where(r => check.Feeds.Any(f => f.Id == r.FeedId && f.Name == "slow")).Select(r => r.Outcome).ToListAsync();
        // The killed instance's run, still "running" when the other took the topic's fetch lock, is marked interrupted.
        Assert.Equal([FetchOutcome.Succeeded, FetchOutcome.Failed], runs.Order());
    }

    [Fact]
    public async Task A_digest_build_in_flight_on_a_killed_instance_is_run_again_by_another_and_stores_one_version()
    {
        var day = new DateOnly(2026, 1, 12);
        var windowEnd = new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);
        await using (var db = _database.CreateContext())
        {
            await db.Topics.ExecuteUpdateAsync(t => t.SetProperty(x => x.Enabled, false));
            var topic = await TestData.AddTopicAsync(db, "killed-digest");
            topic.Enabled = false;
            await db.SaveChangesAsync();
            await TestData.AddOutletAsync(db, "Us Daily", Side.Us, ["usdaily.example"]);
            await TestData.AddOutletAsync(db, "Cn Daily", Side.China, ["cndaily.example"]);
        }
        await using (var services = TestServices.Create(_database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            var topicId = await scope.ServiceProvider.GetRequiredService<Aggregator.Storage.AppDbContext>().Topics.Where(t => t.Slug == "killed-digest").Select(t => t.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<Aggregator.Ingestion.FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
                new Aggregator.Parsing.ParsedItem("a", "https://usdaily.example/a", "Soybean tariff deadline looms", "Us Daily", "https://usdaily.example", windowEnd.AddHours(-2)),
                new Aggregator.Parsing.ParsedItem("b", "https://cndaily.example/b", "Panda diplomacy returns to the zoo", "Cn Daily", "https://cndaily.example", windowEnd.AddHours(-3))),
                "en-US", CancellationToken.None);
        }
        using var first = AppProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Registry__SeedOnStartup"] = "false",
            ["Scheduler__PollingInterval"] = "00:00:01",
            // Its highlights wait on an LLM that never answers, so the build is in flight when the process is killed.
            ["Highlights__Mode"] = "llm",
            ["Highlights__Llm__Endpoint"] = _server.Url("/hanging-llm").AbsoluteUri,
            ["Highlights__Llm__Model"] = "test",
            ["Highlights__Llm__Timeout"] = "00:05:00",
        });
        var storage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_database.ConnectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions { SchemaName = SchedulingExtensions.HangfireSchema, PrepareSchemaIfNecessary = true });
        var jobId = new BackgroundJobClient(storage).Enqueue<BuildDigestJob>(job => job.RunAsync("killed-digest", "2026-01-12", CancellationToken.None));

        await Eventually.ReturnsAsync("the first instance to reach the hanging LLM", () => Task.FromResult(_server.RequestCount("/hanging-llm/chat/completions")), count => count == 1, TimeSpan.FromSeconds(60));
        await first.KillAsync();
        await using var second = new AppFactory(_database.ConnectionString, new Dictionary<string, string?> { ["Scheduler:InvisibilityTimeout"] = "00:00:03" });
        _ = second.Services;

        var result = await HangfireJobs.ResultAsync(storage, jobId);

        Assert.StartsWith("Built killed-digest News - 2026-01-12, version 1:", result);
        await using var check = _database.CreateContext();
        var digest = await check.Digests.SingleAsync();
        Assert.Equal((day, 1, "extractive"), (digest.Date, digest.Version, digest.Highlighter));
    }
}
