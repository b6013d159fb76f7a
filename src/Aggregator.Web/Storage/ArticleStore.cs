using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Storage;

/// <summary>
/// Idempotent, batched article upsert. An article is the same article when its guid matches, its normalized link
/// matches, or the same outlet published the same normalized title within <see cref="SameStoryWindow"/>.
/// Each chunk is one transaction. Unique indexes keep a guid or link stored once whoever inserts it; the outlet-and-title
/// rule is kept by an advisory lock per outlet (bucketed), so ingests of different outlets and topics run side by side
/// while two that could store one article take turns. A crash loses at most the chunk in flight, which the next run stores.
/// A feed of more than one chunk is stored in <see cref="Lanes"/> lanes at once, each on its own connection and holding
/// the outlets of its own lock buckets, so the lanes never wait for each other.
/// Articles join their topic without a story: the placement stage (<c>Stories/StoryStore</c>) gives them one after the
/// ingest, outside its transaction, so the model never holds up storing.
/// </summary>
public sealed class ArticleStore(AppDbContext db, DbContextOptions<AppDbContext> options, TimeProvider clock)
{
    public static readonly TimeSpan SameStoryWindow = TimeSpan.FromHours(48);
    /// <summary>Rows per transaction: big enough for few round trips, small enough to keep locks short.</summary>
    public const int ChunkSize = 5_000;
    /// <summary>
    /// Connections a feed of several chunks is stored on at once. Storing is the database server's work (index probes
    /// and inserts, one backend per connection); two lanes keep two of its cores busy (docs/performance.md).
    /// </summary>
    public const int Lanes = 2;

    public async Task<StoreResult> StoreAsync(int topicId, IReadOnlyList<ArticleCandidate> candidates, CancellationToken cancellationToken)
    {
        // Repeats go first, over the whole feed: a guid or link named by items of two outlets would otherwise be stored
        // by two lanes at once.
        var unique = WithoutRepeats(candidates);
        var repeats = new StoreResult(0, candidates.Count - unique.Count);
        if (unique.Count <= ChunkSize) return repeats.Add(await StoreLaneAsync(db, topicId, unique, cancellationToken));
        var lanes = unique.GroupBy(c => AdvisoryLock.OutletIngest(c.OutletId) % Lanes).Select(lane => lane.ToList()).ToList();
        var stored = await Task.WhenAll(lanes.Select((lane, index) =>
            index == 0 ? StoreLaneAsync(db, topicId, lane, cancellationToken) : StoreOnOwnConnectionAsync(topicId, lane, cancellationToken)));
        return stored.Aggregate(repeats, (total, lane) => total.Add(lane));
    }

    private async Task<StoreResult> StoreOnOwnConnectionAsync(int topicId, IReadOnlyList<ArticleCandidate> lane, CancellationToken cancellationToken)
    {
        await using var laneDb = new AppDbContext(options);
        return await StoreLaneAsync(laneDb, topicId, lane, cancellationToken);
    }

    /// <summary>Stores <paramref name="lane"/> in chunks of equal size, at most <see cref="ChunkSize"/> each, one after another.</summary>
    private async Task<StoreResult> StoreLaneAsync(AppDbContext laneDb, int topicId, IReadOnlyList<ArticleCandidate> lane, CancellationToken cancellationToken)
    {
        var total = new StoreResult(0, 0);
        if (lane.Count == 0) return total;
        var chunks = (lane.Count + ChunkSize - 1) / ChunkSize;
        foreach (var chunk in lane.Chunk((lane.Count + chunks - 1) / chunks))
            total = total.Add(await StoreChunkAsync(laneDb, topicId, chunk, cancellationToken));
        return total;
    }

    private async Task<StoreResult> StoreChunkAsync(AppDbContext laneDb, int topicId, IReadOnlyList<ArticleCandidate> chunk, CancellationToken cancellationToken)
    {
        var strategy = laneDb.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(() => StoreChunkOnceAsync(laneDb, topicId, chunk, cancellationToken));
            }
            // Ingests of different outlets run side by side and insert in one order of links; a pair that still waits on
            // each other's new rows (a guid shared under two links) is broken up by PostgreSQL, and the chunk it rolled
            // back is stored again. (EF's execution strategy wraps what it deems transient.)
            catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.DeadlockDetected
                                      && attempt < MaxAttempts)
            {
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task<StoreResult> StoreChunkOnceAsync(AppDbContext laneDb, int topicId, IReadOnlyList<ArticleCandidate> unique, CancellationToken cancellationToken)
    {
        await using var transaction = await laneDb.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)laneDb.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
        // "The same outlet, the same title" is the one rule no unique index enforces: ingests of one outlet take turns.
        await AdvisoryLock.HoldForTransactionAsync(laneDb, unique.Select(c => AdvisoryLock.OutletIngest(c.OutletId)), cancellationToken);

        var found = await FindExistingAsync(connection, tx, unique, cancellationToken);
        // In one order of links whoever inserts: two ingests meeting at the same new links then never wait in a cycle.
        var fresh = unique.Where((_, index) => !found.ContainsKey(index)).OrderBy(c => c.NormalizedLink, StringComparer.Ordinal).ToList();
        var inserted = await InsertFreshAsync(connection, tx, fresh, cancellationToken);
        // A concurrent ingest (another topic, another instance) may have stored one of them first, by guid or link.
        var storedMeanwhile = fresh.Where(c => !inserted.Links.Contains(c.NormalizedLink)).ToList();
        var foundAfter = storedMeanwhile.Count == 0 ? [] : await FindExistingAsync(connection, tx, storedMeanwhile, cancellationToken);
        var existing = found.Values.Concat(foundAfter.Values).Distinct();
        // Articles another topic stored first join this one too (ON CONFLICT keeps a link that is already there).
        await LinkToTopicAsync(connection, tx, topicId, [.. inserted.Ids, .. existing], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoreResult(inserted.Ids.Count, unique.Count - inserted.Ids.Count);
    }

    /// <summary>Keeps the first of candidates that share a guid, a link, or an outlet and title.</summary>
    private static List<ArticleCandidate> WithoutRepeats(IEnumerable<ArticleCandidate> candidates)
    {
        var guids = new HashSet<string>(StringComparer.Ordinal);
        var links = new HashSet<string>(StringComparer.Ordinal);
        var stories = new HashSet<(int, string)>();
        var unique = new List<ArticleCandidate>();
        foreach (var candidate in candidates)
        {
            if (candidate.Guid is not null && guids.Contains(candidate.Guid)) continue;
            if (links.Contains(candidate.NormalizedLink) || stories.Contains((candidate.OutletId, candidate.NormalizedTitle))) continue;
            if (candidate.Guid is not null) guids.Add(candidate.Guid);
            links.Add(candidate.NormalizedLink);
            stories.Add((candidate.OutletId, candidate.NormalizedTitle));
            unique.Add(candidate);
        }
        return unique;
    }

    /// <summary>Index of each candidate already stored → the stored article's id.</summary>
    private static async Task<Dictionary<int, long>> FindExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleCandidate> candidates, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.idx, match.id
            FROM unnest(@idx, @guid, @link, @outlet, @title, @published) AS c(idx, guid, link, outlet_id, title, published)
            CROSS JOIN LATERAL (
                SELECT a.id FROM articles a WHERE a.guid = c.guid
                UNION ALL
                SELECT a.id FROM articles a WHERE a.normalized_link = c.link
                UNION ALL
                SELECT a.id FROM articles a
                WHERE a.outlet_id = c.outlet_id AND a.normalized_title = c.title
                  AND a.published_at BETWEEN c.published - @window AND c.published + @window
                LIMIT 1) AS match
            """, connection, tx);
        command.Parameters.AddWithValue("idx", Enumerable.Range(0, candidates.Count).ToArray());
        command.Parameters.Add(new NpgsqlParameter("guid", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = candidates.Select(c => (object?)c.Guid ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("link", candidates.Select(c => c.NormalizedLink).ToArray());
        command.Parameters.AddWithValue("outlet", candidates.Select(c => c.OutletId).ToArray());
        command.Parameters.AddWithValue("title", candidates.Select(c => c.NormalizedTitle).ToArray());
        command.Parameters.AddWithValue("published", candidates.Select(c => c.PublishedAt).ToArray());
        command.Parameters.AddWithValue("window", SameStoryWindow);
        var found = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found[reader.GetInt32(0)] = reader.GetInt64(1);
        return found;
    }

    /// <summary>
    /// Stores the candidates no stored article matched, by <c>COPY</c> with ids reserved from the table's sequence: the
    /// fastest way in, and these rows were all new when looked up. Only an ingest of another outlet storing the same
    /// guid or link since the lookup (a wire story under two names) makes the copy fail on a unique index; then the
    /// copy is undone to a savepoint and the rows go in through <c>ON CONFLICT DO NOTHING</c>, which skips that one.
    /// Returns the ids and links of the rows stored.
    /// </summary>
    private async Task<(List<long> Ids, HashSet<string> Links)> InsertFreshAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleCandidate> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0) return ([], []);
        const string beforeCopy = "before_copy";
        await tx.SaveAsync(beforeCopy, cancellationToken);
        try
        {
            var ids = await ReserveIdsAsync(connection, tx, fresh.Count, cancellationToken);
            await CopyAsync(connection, fresh, ids, cancellationToken);
            await tx.ReleaseAsync(beforeCopy, cancellationToken);
            return (ids, fresh.Select(c => c.NormalizedLink).ToHashSet(StringComparer.Ordinal));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync(beforeCopy, cancellationToken);
            return await InsertAsync(connection, tx, fresh, cancellationToken);
        }
    }

    private static async Task<List<long>> ReserveIdsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, @count)", connection, tx);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<ArticleCandidate> fresh, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY articles (id, guid, link, normalized_link, headline, normalized_title, outlet_id, side,
                           source_name, source_url, locale, published_at, first_seen_at, is_outlet_page, language)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        for (var i = 0; i < fresh.Count; i++)
        {
            var c = fresh[i];
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken);
            await WriteTextAsync(copy, c.Guid, cancellationToken);
            await WriteTextAsync(copy, c.Link, cancellationToken);
            await WriteTextAsync(copy, c.NormalizedLink, cancellationToken);
            await WriteTextAsync(copy, c.Headline, cancellationToken);
            await WriteTextAsync(copy, c.NormalizedTitle, cancellationToken);
            await copy.WriteAsync(c.OutletId, NpgsqlDbType.Integer, cancellationToken);
            await WriteTextAsync(copy, c.Side.ToCode(), cancellationToken);
            await WriteTextAsync(copy, c.SourceName, cancellationToken);
            await WriteTextAsync(copy, c.SourceUrl, cancellationToken);
            await WriteTextAsync(copy, c.Locale, cancellationToken);
            await copy.WriteAsync(c.PublishedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(c.IsOutletPage, NpgsqlDbType.Boolean, cancellationToken);
            await WriteTextAsync(copy, c.Language, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await copy.WriteNullAsync(cancellationToken);
        else await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
    }

    /// <summary>Inserts the fresh candidates, skipping any another ingest stored first; returns the ids and links of the rows stored.</summary>
    private async Task<(List<long> Ids, HashSet<string> Links)> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleCandidate> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0) return ([], []);
        await using var command = new NpgsqlCommand("""
            INSERT INTO articles (guid, link, normalized_link, headline, normalized_title, outlet_id, side,
                                  source_name, source_url, locale, published_at, first_seen_at, is_outlet_page, language)
            SELECT guid, link, normalized_link, headline, normalized_title, outlet_id, side,
                   source_name, source_url, locale, published_at, @now, is_outlet_page, language
            FROM unnest(@guid, @link, @normalized_link, @headline, @normalized_title, @outlet, @side,
                        @source_name, @source_url, @locale, @published, @is_outlet_page, @language)
                 AS c(guid, link, normalized_link, headline, normalized_title, outlet_id, side,
                      source_name, source_url, locale, published_at, is_outlet_page, language)
            ON CONFLICT DO NOTHING
            RETURNING id, normalized_link
            """, connection, tx);
        command.Parameters.Add(new NpgsqlParameter("guid", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = fresh.Select(c => (object?)c.Guid ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("link", fresh.Select(c => c.Link).ToArray());
        command.Parameters.AddWithValue("normalized_link", fresh.Select(c => c.NormalizedLink).ToArray());
        command.Parameters.AddWithValue("headline", fresh.Select(c => c.Headline).ToArray());
        command.Parameters.AddWithValue("normalized_title", fresh.Select(c => c.NormalizedTitle).ToArray());
        command.Parameters.AddWithValue("outlet", fresh.Select(c => c.OutletId).ToArray());
        command.Parameters.AddWithValue("side", fresh.Select(c => c.Side.ToCode()).ToArray());
        command.Parameters.AddWithValue("source_name", fresh.Select(c => c.SourceName).ToArray());
        command.Parameters.Add(new NpgsqlParameter("source_url", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = fresh.Select(c => (object?)c.SourceUrl ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("locale", fresh.Select(c => c.Locale).ToArray());
        command.Parameters.AddWithValue("published", fresh.Select(c => c.PublishedAt).ToArray());
        command.Parameters.AddWithValue("is_outlet_page", fresh.Select(c => c.IsOutletPage).ToArray());
        command.Parameters.AddWithValue("language", fresh.Select(c => c.Language).ToArray());
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        var (ids, links) = (new List<long>(), new HashSet<string>(StringComparer.Ordinal));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
            links.Add(reader.GetString(1));
        }
        return (ids, links);
    }

    private async Task LinkToTopicAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int topicId, long[] articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Length == 0) return;
        await using var command = new NpgsqlCommand("""
            INSERT INTO article_topics (topic_id, article_id, added_at, story_pinned)
            SELECT @topic, link.article_id, @now, false FROM unnest(@ids) AS link(article_id)
            ON CONFLICT DO NOTHING
            """, connection, tx);
        command.Parameters.AddWithValue("topic", topicId);
        command.Parameters.AddWithValue("ids", articleIds);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
