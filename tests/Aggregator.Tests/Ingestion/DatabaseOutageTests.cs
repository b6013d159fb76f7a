using System.Net;
using Aggregator.Digests;
using Aggregator.Digests.Highlighting;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Storage;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aggregator.Tests.Ingestion;

/// <summary>
/// PostgreSQL stopped in the middle of a fetch and during a digest build, on a cluster of this test's own: the app
/// stays up and says it is not ready, nothing is half-written, and once the database is back the next run stores
/// every article once and the digest once.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 1, 12);

    private PrivateCluster _cluster = null!;
    private FeedServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _cluster = PrivateCluster.Start();
        _server = await FeedServer.StartAsync();
        _connectionString = _cluster.ForDatabase("outage");
        await using var db = CreateContext();
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var cache = new Aggregator.Caching.ReaderPageCache(db);
        await new RegistrySeeder(db, new RegistryEditor(db, cache, TimeProvider.System), TimeProvider.System, NullLogger<RegistrySeeder>.Instance, cache)
            .SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
        await TestData.AddTopicAsync(db, "outage", TestData.DirectFeed("gated", _server.Url("/gate/outage")));
        // No schedules and no start-up catch-up in the app instance below: the test runs every fetch itself.
        await db.Topics.ExecuteUpdateAsync(t => t.SetProperty(x => x.Enabled, false));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private AppDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAggregatorDatabase(_connectionString);
        return new AppDbContext(options.Options);
    }

    [Fact]
    public async Task A_fetch_and_a_digest_during_an_outage_fail_cleanly_and_the_next_runs_store_everything_once()
    {
        // The feed waits at its gate while the cluster stops (which can take seconds on a busy machine): the fetch must
        // still be waiting for it then, so its timeout is long; the test releases the gate itself.
        await using var services = TestServices.Create(_connectionString, new Dictionary<string, string?> { ["Fetching:Timeout"] = "00:02:00" }, configure: s => s.AddRegistry()
            .AddOutputCache().AddScoped<DigestPublisher>().AddSingleton<IHighlighter, ExtractiveHighlighter>());
        await using var app = new AppFactory(_connectionString);
        using var web = app.CreateClient();
        async Task<IngestResultSummary> RefreshAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var summaries = await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("outage", FetchTriggers.Schedule, onlyDue: false, CancellationToken.None);
            return new IngestResultSummary(summaries.Single().Outcome, summaries.Single().New);
        }
        async Task<PublishResult> PublishAsync()
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("outage", Day, CancellationToken.None);
        }

        // The fetch is waiting for the feed when the database goes away.
        var duringOutage = RefreshAsync();
        await Eventually.ReturnsAsync("the fetch to reach the gated feed", () => Task.FromResult(_server.RequestCount("/gate/outage")), count => count == 1, TimeSpan.FromSeconds(60));
        _cluster.Stop();
        _server.Gates.GetOrAdd("outage", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => duringOutage);
        await Assert.ThrowsAnyAsync<Exception>(PublishAsync);
        var readyDuringOutage = await web.GetAsync("/readyz");
        var liveDuringOutage = await web.GetAsync("/healthz");

        _cluster.StartAgain();
        var afterwards = await RefreshAsync();
        var built = await PublishAsync();
        var again = await PublishAsync();
        var readyAfterwards = await Eventually.ReturnsAsync("/readyz to answer 200 after the outage", () => web.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (readyDuringOutage.StatusCode, liveDuringOutage.StatusCode));
        Assert.Equal(HttpStatusCode.OK, readyAfterwards.StatusCode);
        Assert.Equal((FetchOutcome.Succeeded, 20), (afterwards.Outcome, afterwards.New));
        Assert.Equal((PublishOutcome.Built, PublishOutcome.Unchanged), (built.Outcome, again.Outcome));
        await using var check = CreateContext();
        Assert.Equal(20, await check.Articles.CountAsync());
        Assert.Equal(20, await check.Articles.Select(a => a.Guid).Distinct().CountAsync());
        Assert.Equal(1, await check.Digests.CountAsync());
        var runs = await check.FetchRuns.OrderBy(r => r.Id).Select(r => new { r.Outcome, r.ErrorKind }).ToListAsync();
        Assert.Equal([(FetchOutcome.Failed, "interrupted"), (FetchOutcome.Succeeded, (string?)null)], runs.Select(r => (r.Outcome, r.ErrorKind)));
    }

    private sealed record IngestResultSummary(FetchOutcome Outcome, int New);
}
