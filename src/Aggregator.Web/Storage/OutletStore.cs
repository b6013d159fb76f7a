using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// An outlet seen in a feed but not in the registry: its name as the feed gave it, its host if any, and the side a
/// rule gave it provisionally.
/// </summary>
public sealed record DiscoveredOutlet(string Name, string NormalizedName, string? Host, Side Side, string ProvisionalRule);

/// <summary>
/// Stores outlets that feeds name but the registry lacks, with their provisional sides (they wait in the admins'
/// review queue).
/// Idempotent and safe beside other instances: an outlet or domain another ingest stored first is kept as it is.
/// </summary>
public sealed class OutletStore(AppDbContext db, TimeProvider clock, ILogger<OutletStore> logger)
{
    public async Task AddDiscoveredAsync(IReadOnlyList<DiscoveredOutlet> outlets, CancellationToken cancellationToken)
    {
        if (outlets.Count == 0) return;
        var now = clock.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        foreach (var outlet in outlets)
        {
            await using var command = new NpgsqlCommand("""
                WITH inserted AS (
                    INSERT INTO outlets (name, normalized_name, side, provisional_rule, origin, first_seen_at, created_at, updated_at)
                    VALUES (@name, @normalized, @side, @rule, @origin, @now, @now, @now)
                    ON CONFLICT (normalized_name) DO NOTHING
                    RETURNING id)
                SELECT id FROM inserted UNION ALL SELECT id FROM outlets WHERE normalized_name = @normalized
                LIMIT 1
                """, connection);
            command.Parameters.AddWithValue("name", ColumnLengths.Fit(outlet.Name, ColumnLengths.OutletName));
            command.Parameters.AddWithValue("normalized", ColumnLengths.Fit(outlet.NormalizedName, ColumnLengths.OutletName));
            command.Parameters.AddWithValue("side", outlet.Side.ToCode());
            command.Parameters.AddWithValue("rule", outlet.ProvisionalRule);
            command.Parameters.AddWithValue("origin", nameof(OutletOrigin.Discovered));
            command.Parameters.AddWithValue("now", now);
            var outletId = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            // A host longer than DNS allows is not a domain worth keeping; the outlet is still found by name.
            if (outlet.Host is { Length: <= ColumnLengths.Host })
            {
                await using var domain = new NpgsqlCommand(
                    "INSERT INTO outlet_domains (host, outlet_id) VALUES (@host, @outlet) ON CONFLICT (host) DO NOTHING", connection);
                domain.Parameters.AddWithValue("host", outlet.Host);
                domain.Parameters.AddWithValue("outlet", outletId);
                await domain.ExecuteNonQueryAsync(cancellationToken);
            }
            logger.LogInformation("New outlet {OutletName} ({Host}) counted on the {Side} side by rule {ProvisionalRule}, queued for review",
                outlet.Name, outlet.Host, outlet.Side.ToCode(), outlet.ProvisionalRule);
        }
    }
}
