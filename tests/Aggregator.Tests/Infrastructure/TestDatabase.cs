using Aggregator.Scheduling;
using Aggregator.Storage;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// A fresh database, migrated the way the app migrates, dropped afterwards. It is a copy of a template database that
/// is migrated once per test run (with Hangfire's tables installed, as the app's first start would): copying it takes
/// a fraction of migrating every database again.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private static readonly Lazy<Task<string>> MigratedTemplate = new(CreateMigratedTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString => PostgresServer.ForDatabase(Name);

    /// <summary>False for a class that needs an empty database (migrations tests); true for everything else.</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        // FILE_COPY copies the template's few megabytes as files: about half the time of the default, which logs each block.
        if (Migrate) await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{await MigratedTemplate.Value}\" STRATEGY FILE_COPY");
        else await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"");
    }

    private static async Task<string> CreateMigratedTemplateAsync()
    {
        var name = "template_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = PostgresServer.ForDatabase(name);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAggregatorDatabase(connectionString);
        await using (var db = new AppDbContext(options.Options))
            await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection, SchedulingExtensions.HangfireSchema);
            // A database is copied only while nobody is connected to it.
            NpgsqlConnection.ClearPool(connection);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return name;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public AppDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAggregatorDatabase(ConnectionString);
        return new AppDbContext(options.Options);
    }

    public static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ForDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database with no schema yet, for tests of migrating itself.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrate => false;
}
