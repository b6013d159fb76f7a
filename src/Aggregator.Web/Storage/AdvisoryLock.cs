using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own until disposed: how app instances sharing
/// one database take turns at start-up work (migrating, scheduling). Released explicitly, because a pooled
/// connection would otherwise keep it.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    public const long Migrations = 7_263_514_902_118_003_001;
    public const long Schedules = 7_263_514_902_118_003_003;
    public const long Registry = 7_263_514_902_118_003_004;

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
