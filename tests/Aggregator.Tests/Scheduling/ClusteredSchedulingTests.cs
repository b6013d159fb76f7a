using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aggregator.Tests.Scheduling;

/// <summary>Two app instances on one database share one Hangfire job store: every fire runs once, on one of them.</summary>
[RunsLong(20)]
public sealed class ClusteredSchedulingTests : IAsyncLifetime
{
    private readonly SeededTestDatabase _database = new();
    private readonly string _replay = Directory.CreateTempSubdirectory("aggregator-replay-").FullName;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Directory.CreateDirectory(Path.Combine(_replay, "us-china"));
        File.Copy(Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), Path.Combine(_replay, "us-china", "default.xml"));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_replay, recursive: true);
    }

    [Fact]
    public async Task Two_instances_starting_together_fetch_each_feed_once()
    {
        var settings = new Dictionary<string, string?> { ["Fetching:ReplayDirectory"] = _replay };
        await using var first = new AppFactory(_database.ConnectionString, settings);
        await using var second = new AppFactory(_database.ConnectionString, settings);
        _ = first.Services;
        _ = second.Services;
        await using var db = _database.CreateContext();
        var feeds = await db.Feeds.CountAsync(f => f.Topic!.Slug == "us-china");

        var finished = await Eventually.ReturnsAsync("every feed's start-up fetch to finish",
            () => db.FetchRuns.CountAsync(r => r.Trigger == FetchTriggers.Schedule && r.Outcome != FetchOutcome.Running),
            count => count >= feeds);
        // Both instances queued a start-up fetch; the second runs after the first and finds no feed due.
        var storage = first.Services.GetRequiredService<JobStorage>();
        await Eventually.ReturnsAsync("both instances' start-up fetch jobs to succeed", () => Task.FromResult(storage.GetMonitoringApi().SucceededListCount()), count => count >= 2);

        Assert.Equal(7, feeds);
        Assert.Equal(feeds, finished);
        Assert.Equal(feeds, await db.FetchRuns.CountAsync(r => r.Trigger == FetchTriggers.Schedule));
        Assert.Equal(20, await db.Articles.CountAsync());
        Assert.Equal(2, storage.GetMonitoringApi().Servers().Count);
        using var connection = storage.GetConnection();
        Assert.Equal(["digest:us-china", "fetch:us-china"], connection.GetRecurringJobs().Select(j => j.Id).Order());
    }

    [Fact]
    public async Task Two_instances_on_a_compressed_schedule_run_every_fire_once_and_store_nothing_twice()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fetching:ReplayDirectory"] = _replay,
            ["Scheduler:FetchCron"] = "*/2 * * * * *",
            ["Scheduler:DigestCron"] = "*/3 * * * * *",
        };
        await using (var db = _database.CreateContext())
        {
            // Every fire must fetch, so the feeds are always due.
            await db.Database.ExecuteSqlRawAsync("UPDATE topics SET fetch_interval_minutes = 5");
        }
        await using var first = new AppFactory(_database.ConnectionString, settings);
        await using var second = new AppFactory(_database.ConnectionString, settings);
        _ = first.Services;
        _ = second.Services;

        var fires = await Eventually.ReturnsAsync("six fires of the fetch schedule", () => RecurringFiresAsync("fetch:us-china"), f => f.Count >= 6, TimeSpan.FromSeconds(60));
        var digestFires = await RecurringFiresAsync("digest:us-china");

        Assert.True(fires.Count >= 6, $"{fires.Count} fetch fires");
        Assert.True(digestFires.Count >= 2, $"{digestFires.Count} digest fires");
        Assert.All(fires.Concat(digestFires), fire => Assert.Equal(1, fire.Jobs));
        await using var check = _database.CreateContext();
        Assert.Equal(20, await check.Articles.CountAsync());
        Assert.Equal(20, await check.ArticleTopics.CountAsync());
        Assert.False(await check.Digests.GroupBy(d => new { d.TopicId, d.Date }).AnyAsync(g => g.Count() > 1));
    }

    /// <summary>Each fire of a recurring job (its scheduled time) with the number of jobs Hangfire created for it.</summary>
    private async Task<List<(long Time, int Jobs)>> RecurringFiresAsync(string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT fire.value, count(*)::int
            FROM hangfire.jobparameter fire
            JOIN hangfire.jobparameter recurring ON recurring.jobid = fire.jobid AND recurring.name = 'RecurringJobId'
            WHERE fire.name = 'Time' AND recurring.value = @id
            GROUP BY fire.value
            """, connection);
        command.Parameters.AddWithValue("id", $"\"{recurringJobId}\"");
        var fires = new List<(long, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) fires.Add((long.Parse(reader.GetString(0)), reader.GetInt32(1)));
        return fires;
    }
}
