using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Scheduling;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Aggregator.Tests.Scheduling;

public sealed class ClusteredSchedulingTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
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
    public async Task Two_instances_on_one_database_run_a_scheduled_fetch_once()
    {
        var settings = new Dictionary<string, string?> { ["Fetching:ReplayDirectory"] = _replay };
        await using var first = new AppFactory(_database.ConnectionString, settings);
        await using var second = new AppFactory(_database.ConnectionString, settings);
        _ = first.Services;
        _ = second.Services;
        await using var db = _database.CreateContext();
        var feeds = await db.Feeds.CountAsync(f => f.Topic!.Slug == "us-china");

        var finished = await Eventually.ReturnsAsync(
            () => db.FetchRuns.CountAsync(r => r.Trigger == FetchTriggers.Schedule && r.Outcome != FetchOutcome.Running),
            count => count >= feeds);
        // A second fire would come from the other node's scheduler within a couple of acquisition cycles.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(7, feeds);
        Assert.Equal(feeds, finished);
        Assert.Equal(feeds, await db.FetchRuns.CountAsync(r => r.Trigger == FetchTriggers.Schedule));
        Assert.Equal(20, await db.Articles.CountAsync());
        var instances = await Task.WhenAll(
            first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask(),
            second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask());
        Assert.NotEqual(instances[0].SchedulerInstanceId, instances[1].SchedulerInstanceId);
        var trigger = await instances[1].GetTrigger(Schedules.FetchTrigger("us-china"));
        Assert.NotNull(trigger);
    }
}
