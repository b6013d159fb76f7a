using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// Applies pending migrations under a PostgreSQL advisory lock, so instances starting together migrate once:
/// the first takes the lock and migrates, the others wait and then find nothing pending.
/// </summary>
public sealed class DatabaseMigrator(AppDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await EnsureDatabaseExistsAsync(cancellationToken);
        await using var turn = await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, AdvisoryLock.Migrations, cancellationToken);
        var pending = (await PendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
            return pending;
        }
        logger.LogInformation("Applying {MigrationCount} migrations: {Migrations}", pending.Count, pending);
        // Created first so EF's own look at the history never fails (and logs an error) on a fresh database.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // A migration that rewrites a large table (a backfill over a million articles) takes minutes, not the 30 seconds
        // a reader query may: the schema change runs to its end under the lock above.
        var readerTimeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(0);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(readerTimeout);
        }
        logger.LogInformation("Database migrated to {Migration}", pending[^1]);
        return pending;
    }

    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken) =>
        !(await PendingMigrationsAsync(cancellationToken)).Any();

    /// <summary>Like GetPendingMigrationsAsync, but a database without a history table is simply "all pending" rather than a logged SQL error.</summary>
    private async Task<IEnumerable<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var historyExists = await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('__ef_migrations_history') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
        return historyExists ? await db.Database.GetPendingMigrationsAsync(cancellationToken) : db.Database.GetMigrations();
    }

    /// <summary>Creates the database itself when the server has none of that name (a fresh compose volume already has it).</summary>
    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var databaseName = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        // Nearly every start finds it there. Opening it is the whole check, and the pooled connection serves what
        // follows; only a missing database costs a connection to the maintenance database.
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
        }
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException)
        {
            // No access to the maintenance database: the operator provisioned ours; let the migration connect to it.
            return;
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", databaseName);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }
}
