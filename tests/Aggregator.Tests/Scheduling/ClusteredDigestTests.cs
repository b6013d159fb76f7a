using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Aggregator.Tests.Scheduling;

public sealed class ClusteredDigestTests : IAsyncLifetime
{
    private readonly SeededTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Two_instances_starting_after_a_missed_day_build_that_digest_once()
    {
        // The instances start at 10:00 UTC on 13 January: the day whose window closed at 04:00 has no digest yet.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 13, 10, 0, 0, TimeSpan.Zero));
        var due = new DateOnly(2026, 1, 13);
        var windowEnd = new DateTimeOffset(2026, 1, 13, 4, 0, 0, TimeSpan.Zero);
        await using (var db = _database.CreateContext())
        {
            await TestData.AddOutletAsync(db, "Us Daily", Side.Us, ["usdaily.example"]);
            await TestData.AddOutletAsync(db, "Cn Daily", Side.China, ["cndaily.example"]);
        }
        await using (var services = TestServices.Create(_database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = _database.CreateContext();
            var topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
                new ParsedItem("a", "https://usdaily.example/a", "Soybean tariff deadline looms", "Us Daily", "https://usdaily.example", windowEnd.AddHours(-2)),
                new ParsedItem("b", "https://cndaily.example/b", "Panda diplomacy returns to the zoo", "Cn Daily", "https://cndaily.example", windowEnd.AddHours(-3))
            ), "en-US", CancellationToken.None);
        }

        await using var first = new AppFactory(_database.ConnectionString, clock: clock);
        await using var second = new AppFactory(_database.ConnectionString, clock: clock);
        // Each instance's start-up catch-up has queued its jobs once its host has started.
        _ = first.Services;
        _ = second.Services;

        await using var check = _database.CreateContext();
        // Both instances may have queued the missed day; once every job they queued has succeeded, the second build (if
        // any) found the same content and stored nothing. A job that fails or waits for a retry fails the wait.
        await Eventually.ReturnsAsync("every job the catch-ups queued to succeed", JobsNotSucceededAsync, count => count == 0);
        var built = await check.Digests.CountAsync(d => d.Date == due);

        Assert.Equal(1, built);
        Assert.Equal(1, await check.Digests.CountAsync());
        var digest = await check.Digests.SingleAsync();
        Assert.Equal((due, 1, 1), (digest.Date, digest.Version, digest.PerSideCount));
    }

    private async Task<int> JobsNotSucceededAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM hangfire.job WHERE statename IS DISTINCT FROM 'Succeeded'", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
