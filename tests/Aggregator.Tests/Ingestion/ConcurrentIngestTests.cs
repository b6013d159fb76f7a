using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aggregator.Tests.Ingestion;

/// <summary>Ingests of different outlets and topics run side by side; whatever could store one article twice takes turns.</summary>
public sealed class ConcurrentIngestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 6, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;
    private int _first;
    private int _second;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = TestServices.Create(_database.ConnectionString);
        await using var db = _database.CreateContext();
        _first = (await TestData.AddTopicAsync(db, "first")).Id;
        _second = (await TestData.AddTopicAsync(db, "second")).Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ParsedItem Item(string outlet, string headline, double hours, string? link = null) =>
        new(null, link ?? $"https://{Host(outlet)}/{Uri.EscapeDataString(headline)}", headline, outlet, $"https://{Host(outlet)}", Morning.AddHours(hours));

    private static string Host(string outlet) => $"{outlet.ToLowerInvariant().Replace(' ', '-')}.example";

    private async Task IngestAsync(int topicId, params ParsedItem[] items)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(items), "en-US", CancellationToken.None);
    }

    [Fact]
    public async Task An_ingest_waits_only_for_ingests_storing_articles_of_its_outlets()
    {
        await IngestAsync(_first, Item("Harbor Ledger", "Port talks open in Geneva", 0), Item("Valley Courier", "Chip rules widen", 0));
        int harbor, valley;
        await using (var db = _database.CreateContext())
        {
            harbor = await db.Outlets.Where(o => o.Name == "Harbor Ledger").Select(o => o.Id).SingleAsync();
            valley = await db.Outlets.Where(o => o.Name == "Valley Courier").Select(o => o.Id).SingleAsync();
        }
        Assert.NotEqual(AdvisoryLock.OutletIngest(harbor), AdvisoryLock.OutletIngest(valley));

        // Another ingest is storing Harbor Ledger's articles and has not committed.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLock.OutletIngest(harbor)})", other))
            await take.ExecuteNonQueryAsync();

        await IngestAsync(_second, Item("Valley Courier", "Chip rules widen to memory makers", 2));
        var harborIngest = IngestAsync(_second, Item("Harbor Ledger", "Port talks close without a deal", 2));
        await Eventually.ReturnsAsync("one ingest to wait for the other's lock", WaitingIngestsAsync, waiting => waiting == 1);
        Assert.False(harborIngest.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLock.OutletIngest(harbor)})", other))
            await release.ExecuteNonQueryAsync();
        await harborIngest;
        await using var check = _database.CreateContext();
        Assert.Equal(2, await check.ArticleTopics.CountAsync(m => m.TopicId == _second));
    }

    [Fact]
    public async Task Two_topics_storing_the_same_links_at_once_store_each_article_once_and_both_link_it()
    {
        for (var round = 0; round < 5; round++)
        {
            // The same links under different outlets' names (a wire story and its syndication): no outlet lock is shared,
            // so the two ingests meet at the link's unique index, in opposite orders.
            var links = Enumerable.Range(0, 40).Select(i => $"https://wire.example/round-{round}/story-{i}").ToArray();
            var first = links.Select((link, i) => Item($"Outlet {i % 7}", $"Round {round} story {i} on tariffs", round * 10 + i * 0.1, link));
            var second = links.Select((link, i) => Item($"Syndicate {i % 7}", $"Round {round} story {i} on tariffs", round * 10 + i * 0.1, link)).Reverse();

            await Task.WhenAll(
                Task.Run(() => IngestAsync(_first, [.. first, Item("Outlet 8", $"Round {round} first topic story", round * 10)])),
                Task.Run(() => IngestAsync(_second, [.. second, Item("Outlet 9", $"Round {round} second topic story", round * 10)])));
        }

        await using var db = _database.CreateContext();
        Assert.Equal(5 * 42, await db.Articles.CountAsync());
        Assert.Equal(5 * 41, await db.ArticleTopics.CountAsync(m => m.TopicId == _first));
        Assert.Equal(5 * 41, await db.ArticleTopics.CountAsync(m => m.TopicId == _second));
        // Ingest stores articles only; stories are the placement stage's.
        Assert.Equal(0, await db.ArticleTopics.CountAsync(m => m.StoryId != null));
    }

    [Fact]
    public async Task A_link_another_ingest_stores_while_this_one_copies_is_stored_once_and_joins_this_topic_too()
    {
        await IngestAsync(_first, Item("Harbor Ledger", "Port talks open in Geneva", 0));
        const string link = "https://wire.example/port-talks-close";
        // Another ingest (another outlet, so no lock is shared) has stored the link and not committed: this ingest's
        // look-up cannot see it, and its copy waits on the unique index.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        long otherId;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO articles (link, normalized_link, headline, normalized_title, outlet_id, side, source_name, locale,
                                  published_at, first_seen_at, is_outlet_page, language)
            SELECT @link, @link, 'Port talks close', 'port talks close', id, side, name, 'en-US', now(), now(), false, 'en'
            FROM outlets WHERE name = 'Harbor Ledger'
            RETURNING id
            """, other, otherTransaction))
        {
            insert.Parameters.AddWithValue("link", link);
            otherId = (long)(await insert.ExecuteScalarAsync())!;
        }

        var ingest = IngestAsync(_second, Item("Valley Courier", "Port talks close without a deal", 2, link), Item("Valley Courier", "Chip rules widen", 2));
        var waiting = await Eventually.ReturnsAsync("the copy to wait on the uncommitted link", WaitingOnTransactionsAsync, count => count == 1);
        Assert.Equal(1, waiting);
        Assert.False(ingest.IsCompleted);
        await otherTransaction.CommitAsync();
        await ingest;

        await using var db = _database.CreateContext();
        var stored = await db.Articles.Where(a => a.NormalizedLink == link).Select(a => a.Id).ToListAsync();
        Assert.Equal([otherId], stored);
        var linked = await (from m in db.ArticleTopics where m.TopicId == _second join a in db.Articles on m.ArticleId equals a.Id orderby a.Headline select a.Headline).ToListAsync();
        Assert.Equal(["Chip rules widen", "Port talks close"], linked);
    }

    [Fact]
    public async Task A_feed_of_several_chunks_is_stored_in_lanes_that_wait_only_for_their_own_outlets()
    {
        var outlets = Enumerable.Range(0, 12).Select(i => $"Lane Outlet {i:00}").ToList();
        await IngestAsync(_first, [.. outlets.Select(outlet => Item(outlet, $"{outlet} opens its coverage", 0))]);
        Dictionary<string, int> ids;
        await using (var db = _database.CreateContext())
            ids = await db.Outlets.Where(o => outlets.Contains(o.Name)).ToDictionaryAsync(o => o.Name, o => o.Id);
        Assert.Equal(12, ids.Count);
        int Lane(string outlet) => (int)(AdvisoryLock.OutletIngest(ids[outlet]) % ArticleStore.Lanes);
        var blocked = outlets.First(outlet => Lane(outlet) == 1);
        var freeLane = outlets.Where(outlet => Lane(outlet) == 0).ToList();
        Assert.NotEmpty(freeLane);

        // Over two chunks of new items, and one link that items of two outlets in different lanes both name.
        var items = Enumerable.Range(0, ArticleStore.ChunkSize + 1_000)
            .Select(i => Item(outlets[i % outlets.Count], $"Story {i} on tariffs and chips", 1 + i * 0.001)).ToList();
        const string shared = "https://wire.example/shared-by-two-lanes";
        var sharing = outlets.First(outlet => Lane(outlet) == 0);
        items.Add(Item(blocked, "Wire story on port talks", 2, shared));
        items.Add(Item(sharing, "Wire story on port talks, syndicated", 2, shared));

        // Another ingest is storing one outlet of the second lane and has not committed.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLock.OutletIngest(ids[blocked])})", other))
            await take.ExecuteNonQueryAsync();

        IngestResult? result = null;
        var ingest = Task.Run(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            result = await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(_second, TestData.GoogleNewsFeed([.. items]), "en-US", CancellationToken.None);
        });
        // The first lane's articles are committed while the second lane waits.
        var expectedFree = items.Count(item => freeLane.Contains(item.SourceName!)) - 1;
        var storedFree = await Eventually.ReturnsAsync("the first lane to store its outlets' articles", () => CountInTopicAsync(_second), count => count == expectedFree);
        Assert.Equal(expectedFree, storedFree);
        Assert.Equal(1, await WaitingIngestsAsync());
        Assert.False(ingest.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLock.OutletIngest(ids[blocked])})", other))
            await release.ExecuteNonQueryAsync();
        await ingest;
        Assert.Equal(items.Count - 1, result!.New);
        Assert.Equal(1, result.Duplicate);
        Assert.Equal(items.Count - 1, await CountInTopicAsync(_second));
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.Articles.CountAsync(a => a.Link == shared));
    }

    private async Task<int> CountInTopicAsync(int topicId)
    {
        await using var db = _database.CreateContext();
        return await db.ArticleTopics.CountAsync(m => m.TopicId == topicId);
    }

    /// <summary>Sessions of this database waiting for another transaction to end (a unique index check on its new row).</summary>
    private async Task<int> WaitingOnTransactionsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM pg_locks
            WHERE locktype = 'transactionid' AND NOT granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())
            """, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Ingests of this database waiting for an advisory lock.</summary>
    private async Task<int> WaitingIngestsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
