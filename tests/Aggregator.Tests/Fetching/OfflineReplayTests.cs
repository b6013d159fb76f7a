using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Fetching;

public sealed class OfflineReplayTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _replay = Directory.CreateTempSubdirectory("aggregator-replay-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_replay, recursive: true);
    }

    private async Task<IReadOnlyList<FeedRefreshSummary>> RefreshAsync()
    {
        await using var services = TestServices.Create(_database.ConnectionString, new Dictionary<string, string?> { ["Fetching:ReplayDirectory"] = _replay });
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("us-china", FetchTriggers.Cli, false, CancellationToken.None);
    }

    [Fact]
    public async Task Feeds_replay_their_own_file_or_the_topic_default_and_an_unchanged_file_is_not_modified()
    {
        Directory.CreateDirectory(Path.Combine(_replay, "us-china"));
        File.Copy(Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), Path.Combine(_replay, "us-china", "default.xml"));
        File.Copy(Fixtures.FeedPath("missing-source.xml"), Path.Combine(_replay, "us-china", "taiwan.xml"));

        var first = await RefreshAsync();
        var second = await RefreshAsync();

        Assert.Equal(7, first.Count);
        Assert.All(first, s => Assert.Equal(FetchOutcome.Succeeded, s.Outcome));
        Assert.Equal(2, first.Single(s => s.Feed == "Taiwan").New);
        Expect.All(second, 7, s => Assert.Equal(FetchOutcome.NotModified, s.Outcome));
        await using var db = _database.CreateContext();
        Assert.Equal(22, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task A_feed_with_no_saved_file_is_a_recorded_failure()
    {
        var summaries = await RefreshAsync();

        Expect.All(summaries, 7, s => Assert.Equal(("replay-missing", FetchOutcome.Failed), (s.ErrorKind, s.Outcome)));
    }
}
