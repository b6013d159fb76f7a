using Aggregator.Registry;
using Aggregator.Scheduling;
using Aggregator.Storage;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private static readonly Lazy<Task<string>> SeededTemplate = new(CreateSeededTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString => PostgresServer.ForDatabase(Name);

    /// <summary>False for a class that needs an empty database (migrations tests); true for everything else.</summary>
    protected virtual bool Migrate => true;

    /// <summary>
    /// True for a database the app would seed with the default registry on its first start: it is copied from a template
    /// seeded once (by the same <see cref="RegistrySeeder"/>), instead of every app start seeding 200 outlets again.
    /// </summary>
    protected virtual bool Seeded => false;

    public async Task InitializeAsync()
    {
        // FILE_COPY copies the template's few megabytes as files: about half the time of the default, which logs each block.
        if (Migrate) await ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{await (Seeded ? SeededTemplate : MigratedTemplate).Value}\" STRATEGY FILE_COPY");
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

    private static async Task<string> CreateSeededTemplateAsync()
    {
        var name = "template_seeded_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{await MigratedTemplate.Value}\" STRATEGY FILE_COPY");
        var connectionString = PostgresServer.ForDatabase(name);
        await using (var services = TestServices.Create(connectionString, configure: s => s.AddRegistry()))
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
        // A database is copied only while nobody is connected to it.
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        return name;
    }

    public async Task DisposeAsync()
    {
        // FORCE ends the sessions still open on it. Clearing every pool of the process instead would also close the
        // idle connections of the classes running beside this one, each reopened at the cost of a new server process.
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

/// <summary>A database as the app leaves it after its first start: migrated and seeded with the default registry.</summary>
public sealed class SeededTestDatabase : TestDatabase
{
    protected override bool Seeded => true;
}

/// <summary>A database with no schema yet, for tests of migrating itself.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrate => false;
}

/// <summary>
/// One migrated database for a whole test class, its rows put back before each test by <see cref="ResetAsync"/>: a class
/// whose tests each want a database of their own pays for one (creating and dropping a database costs about
/// 0.2 CPU-seconds and new connections; putting its rows back, 0.075).
/// </summary>
public sealed class ResettableTestDatabase : TestDatabase
{
    private DatabaseSnapshot? _snapshot;

    /// <summary>The rows as they were at the first call (the fixture's own setup included).</summary>
    public async Task ResetAsync()
    {
        if (_snapshot is null) _snapshot = await DatabaseSnapshot.TakeAsync(ConnectionString);
        else await _snapshot.RestoreAsync();
    }
}
