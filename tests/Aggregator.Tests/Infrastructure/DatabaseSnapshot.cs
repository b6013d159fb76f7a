using Aggregator.Caching;
using Aggregator.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The rows of a test database's own tables, copied aside inside it and put back on demand: a test class shares one
/// started app while each of its tests still begins from the same data. Left alone: the migrations history (fixed),
/// the data-protection keys (the running app holds its key ring in memory) and Hangfire's schema (its server holds
/// locks there; schedules are the app's to put back from the restored topics).
/// </summary>
public sealed class DatabaseSnapshot
{
    private const string Schema = "test_snapshot";
    private static readonly string[] LeftAlone = ["__EFMigrationsHistory", "data_protection_keys"];

    private readonly string _connectionString;
    private readonly string _restoreSql;

    private DatabaseSnapshot(string connectionString, string restoreSql) => (_connectionString, _restoreSql) = (connectionString, restoreSql);

    public static async Task<DatabaseSnapshot> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var query = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' AND NOT c.table_name = ANY(@leftAlone)
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        {
            query.Parameters.AddWithValue("leftAlone", LeftAlone);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
                list.Add($"\"{reader.GetString(1)}\"");
            }
        }
        if (columns.Count < 20) throw new InvalidOperationException($"expected the app's tables to snapshot, found {string.Join(", ", columns.Keys)}");

        // One transaction, so the copy is of one moment even while the app's background jobs write.
        var take = $"BEGIN ISOLATION LEVEL REPEATABLE READ; CREATE SCHEMA {Schema};"
            + string.Concat(columns.Keys.Select(t => $"CREATE TABLE {Schema}.\"{t}\" AS TABLE public.\"{t}\";")) + "COMMIT;";
        await using (var command = new NpgsqlCommand(take, connection))
            await command.ExecuteNonQueryAsync();

        // The rows go back as they were, so foreign keys need no second check (and no order of tables). DELETE rather
        // than TRUNCATE: these tables hold a few hundred rows, and TRUNCATE makes new files for every table and index
        // (0.18 CPU-seconds a restore against 0.075).
        var restore = "BEGIN; SET LOCAL session_replication_role = replica;"
            + string.Concat(columns.Keys.Select(t => $"DELETE FROM public.\"{t}\";"))
            + string.Concat(columns.Select(table =>
            {
                var list = string.Join(", ", table.Value);
                return $"INSERT INTO public.\"{table.Key}\" ({list}) OVERRIDING SYSTEM VALUE SELECT {list} FROM {Schema}.\"{table.Key}\";";
            }))
            + "COMMIT;";
        return new DatabaseSnapshot(connectionString, restore);
    }

    /// <summary>The rows as they were when taken.</summary>
    public async Task RestoreAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(_restoreSql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows as they were when taken; then the running app's schedules to match its topics, and no cached reader page.</summary>
    public async Task RestoreAsync(IServiceProvider app)
    {
        await RestoreAsync();
        await using var scope = app.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScheduleSynchronizer>().SynchronizeAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ReaderPageCache>().EvictAsync(CancellationToken.None);
    }
}
