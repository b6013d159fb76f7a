using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Scheduling;

public sealed class ClusteredDigestTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Two_instances_starting_after_a_missed_day_build_that_digest_once()
    {
        var due = DateOnly.FromDateTime(DateTime.UtcNow);
        var windowEnd = new DateTimeOffset(due.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        if (windowEnd > DateTimeOffset.UtcNow)
        {
            due = due.AddDays(-1);
            windowEnd = windowEnd.AddDays(-1);
        }
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

        await using var first = new AppFactory(_database.ConnectionString);
        await using var second = new AppFactory(_database.ConnectionString);
        _ = first.Services;
        _ = second.Services;

        await using var check = _database.CreateContext();
        var built = await Eventually.ReturnsAsync(() => check.Digests.CountAsync(d => d.Date == due), count => count > 0);
        // Both instances queued the missed day; the second build finds the same content and stores nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, built);
        Assert.Equal(1, await check.Digests.CountAsync());
        var digest = await check.Digests.SingleAsync();
        Assert.Equal((due, 1, 1), (digest.Date, digest.Version, digest.PerSideCount));
    }
}
