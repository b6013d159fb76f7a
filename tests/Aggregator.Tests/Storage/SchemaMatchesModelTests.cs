using Aggregator.Storage;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aggregator.Tests.Storage;

/// <summary>
/// Migrations are written by hand, so nothing else notices when the model and the migrations drift apart:
/// this applies the migrations to one empty database, lets EF create the model's schema in another, and
/// requires the two catalogs to be identical (tables, columns, types, nullability, defaults, indexes, keys).
/// </summary>
public sealed class SchemaMatchesModelTests : IAsyncLifetime
{
    private readonly EmptyTestDatabase _migrated = new();
    private readonly EmptyTestDatabase _fromModel = new();

    public async Task InitializeAsync()
    {
        await _migrated.InitializeAsync();
        await _fromModel.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _migrated.DisposeAsync();
        await _fromModel.DisposeAsync();
    }

    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        await using (var db = _migrated.CreateContext())
            await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using (var db = _fromModel.CreateContext())
            await db.Database.EnsureCreatedAsync();

        var migrated = await DescribeSchemaAsync(_migrated.ConnectionString);
        var expected = await DescribeSchemaAsync(_fromModel.ConnectionString);

        var missing = expected.Except(migrated).ToList();
        var extra = migrated.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "Migrations and model differ. Write a migration for the model change." + Environment.NewLine +
            "In the model but not migrated:" + Environment.NewLine + string.Join(Environment.NewLine, missing) + Environment.NewLine +
            "Migrated but not in the model:" + Environment.NewLine + string.Join(Environment.NewLine, extra));
        Assert.Contains(migrated, line => line.StartsWith("column articles.headline ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrating_creates_the_default_topic_with_its_two_perspectives()
    {
        await using var db = _migrated.CreateContext();
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var topic = await db.Topics.Include(t => t.Sides).SingleAsync(t => t.Slug == "us-china");
        Assert.Equal("US vs China", topic.Name);
        Assert.Equal(10, topic.PerSideQuota);
        Assert.Equal(4, topic.DigestHourUtc);
        Assert.Equal(
            ["us:United States", "china:China"],
            topic.Sides.OrderBy(p => p.Position).Select(p => $"{p.Side.ToString().ToLowerInvariant()}:{p.Name}"));
    }

    [Fact]
    public async Task Migrating_a_database_the_server_lacks_creates_it_first()
    {
        var name = "test_missing_" + Guid.NewGuid().ToString("N")[..12];
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAggregatorDatabase(PostgresServer.ForDatabase(name));
        try
        {
            await using var db = new AppDbContext(options.Options);
            var applied = await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

            Assert.NotEmpty(applied);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(1, await db.Topics.CountAsync());
        }
        finally
        {
            await TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Instances_migrating_at_once_apply_each_migration_exactly_once()
    {
        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = _migrated.CreateContext();
            return await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        });
        var applied = await Task.WhenAll(runs);

        Assert.Single(applied, list => list.Count > 0);
        await using var check = _migrated.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await check.Topics.CountAsync());
    }

    /// <summary>
    /// One line per schema fact, names included, so a difference reads as what is missing. Only the public schema is
    /// the model's: Hangfire keeps (and migrates) its own tables in the "hangfire" schema.
    /// </summary>
    private static async Task<HashSet<string>> DescribeSchemaAsync(string connectionString)
    {
        const string ownedElsewhere = "table_name <> '__ef_migrations_history'";
        var facts = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ReadAsync(connection, facts, $"""
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
                   || coalesce('(' || character_maximum_length || ')', '')
                   || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END
                   || coalesce(' default ' || column_default, '')
                   || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
            FROM information_schema.columns WHERE table_schema = 'public' AND {ownedElsewhere}
            """);
        await ReadAsync(connection, facts, $"""
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'
            """);
        await ReadAsync(connection, facts, """
            SELECT 'constraint ' || rel.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public' AND rel.relname <> '__ef_migrations_history'
            """);
        return facts;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, HashSet<string> facts, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) facts.Add(reader.GetString(0));
    }
}
