using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// PostgreSQL advisory locks, how app instances sharing one database take turns, and every key the app locks,
/// declared here and nowhere else. A session lock is held on a connection of its own until disposed (start-up work:
/// migrating, scheduling, seeding); it is released explicitly, because a pooled connection would otherwise keep it.
/// A transaction lock ends with the caller's transaction (ingest chunks, digest versions).
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    public const long Migrations = 7_263_514_902_118_003_001;
    public const long Schedules = 7_263_514_902_118_003_003;
    public const long Registry = 7_263_514_902_118_003_004;

    /// <summary>Above every fixed key; a digest's key adds its topic and day to it.</summary>
    private const long DigestBuildBase = 7_263_515_000_000_000_000;

    /// <summary>Below the digest keys and above the fixed ones; a topic's fetch key adds the topic's id.</summary>
    private const long TopicFetchBase = 7_263_514_990_000_000_000;

    /// <summary>Below the topic keys; an outlet's ingest key adds its bucket.</summary>
    private const long OutletIngestBase = 7_263_514_980_000_000_000;

    /// <summary>
    /// Outlet ingest keys are this many buckets: a chunk from thousands of outlets holds at most this many locks, well
    /// inside PostgreSQL's shared lock table, and outlets sharing a bucket merely take turns.
    /// </summary>
    public const int OutletIngestBuckets = 1024;

    /// <summary>Between the fetch and digest keys; a topic's story key adds the topic's id.</summary>
    private const long TopicStoriesBase = 7_263_514_995_000_000_000;

    /// <summary>Fetches of one topic (jobs, the CLI, several instances) take turns; other topics' fetches do not wait.</summary>
    public static long TopicFetch(int topicId) => TopicFetchBase + topicId;

    /// <summary>Ingests storing articles of one outlet take turns, so "the same outlet, the same title" is stored once.</summary>
    public static long OutletIngest(int outletId) => OutletIngestBase + outletId % OutletIngestBuckets;

    /// <summary>Whoever changes a topic's stories (ingest, recluster, an admin) takes turns, so each sees the others' stories.</summary>
    public static long TopicStories(int topicId) => TopicStoriesBase + topicId;

    /// <summary>Builders of one topic and day take turns, so equal content is stored once.</summary>
    public static long DigestBuild(int topicId, DateOnly day) => DigestBuildBase + topicId * 10_000_000L + day.DayNumber;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<AdvisoryLock> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes <paramref name="key"/> inside the context's current transaction, waiting for whoever holds it.</summary>
    public static async Task HoldForTransactionAsync(AppDbContext db, long key, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [key], cancellationToken);

    /// <summary>
    /// Takes every one of <paramref name="keys"/> inside the current transaction, in ascending order and in one round
    /// trip: two transactions taking overlapping sets this way never wait on each other in a cycle.
    /// </summary>
    public static async Task HoldForTransactionAsync(AppDbContext db, IEnumerable<long> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct().Order().ToArray();
        if (ordered.Length == 0) return;
        // unnest yields the array in its order, and each lock call runs as its row is read.
        await db.Database.ExecuteSqlRawAsync("SELECT count(pg_advisory_xact_lock(key)) FROM unnest({0}) AS key", [ordered], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            release.Parameters.AddWithValue("key", _key);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
