using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Classification;

/// <summary>What a feed says about an item's outlet.</summary>
public sealed record OutletClue(string? Name, string? Url);

/// <summary>The outlet an item was attributed to, with the side it counts on.</summary>
public sealed record OutletMatch(int OutletId, string Name, Alignment Alignment);

/// <summary>
/// Finds each item's outlet in the registry: by the host of its source URL (www. stripped, parent domains tried),
/// then by name or alias. An outlet the registry lacks is created as unclassified (it waits in the admins' review
/// queue and stays out of digests), so no article is ever dropped for want of an outlet.
/// </summary>
public sealed class OutletClassifier(AppDbContext db, TimeProvider clock, ILogger<OutletClassifier> logger)
{
    public const string UnknownOutletName = "Unknown outlet";

    public async Task<IReadOnlyDictionary<OutletClue, OutletMatch>> ClassifyAsync(IEnumerable<OutletClue> clues, CancellationToken cancellationToken)
    {
        var distinct = clues.Distinct().ToList();
        var directory = await LoadDirectoryAsync(cancellationToken);
        var matches = new Dictionary<OutletClue, OutletMatch>();
        var unknown = new List<OutletClue>();
        foreach (var clue in distinct)
        {
            if (directory.Find(clue) is { } match) matches[clue] = match;
            else unknown.Add(clue);
        }
        if (unknown.Count == 0) return matches;

        await CreateUnclassifiedAsync(unknown, cancellationToken);
        directory = await LoadDirectoryAsync(cancellationToken);
        foreach (var clue in unknown)
            matches[clue] = directory.Find(clue) ?? throw new InvalidOperationException($"Outlet for '{clue.Name}' ({clue.Url}) was not created.");
        return matches;
    }

    private async Task CreateUnclassifiedAsync(IReadOnlyList<OutletClue> unknown, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        foreach (var clue in unknown)
        {
            var host = OutletKeys.NormalizeHost(clue.Url);
            var name = clue.Name ?? host ?? UnknownOutletName;
            await using var command = new NpgsqlCommand("""
                WITH inserted AS (
                    INSERT INTO outlets (name, normalized_name, alignment, origin, first_seen_at, created_at, updated_at)
                    VALUES (@name, @normalized, 'unclassified', 'Discovered', @now, @now, @now)
                    ON CONFLICT (normalized_name) DO NOTHING
                    RETURNING id)
                SELECT id FROM inserted UNION ALL SELECT id FROM outlets WHERE normalized_name = @normalized
                LIMIT 1
                """, connection);
            command.Parameters.AddWithValue("name", name);
            command.Parameters.AddWithValue("normalized", OutletKeys.NormalizeName(name));
            command.Parameters.AddWithValue("now", now);
            var outletId = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (host is not null)
            {
                await using var domain = new NpgsqlCommand(
                    "INSERT INTO outlet_domains (host, outlet_id) VALUES (@host, @outlet) ON CONFLICT (host) DO NOTHING", connection);
                domain.Parameters.AddWithValue("host", host);
                domain.Parameters.AddWithValue("outlet", outletId);
                await domain.ExecuteNonQueryAsync(cancellationToken);
            }
            logger.LogInformation("New unclassified outlet {OutletName} ({Host}) queued for review", name, host);
        }
    }

    private async Task<OutletDirectory> LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Outlets.AsNoTracking()
            .Select(o => new { o.Id, o.Name, o.NormalizedName, o.Alignment })
            .ToListAsync(cancellationToken);
        var outlets = rows.ToDictionary(o => o.Id, o => new OutletMatch(o.Id, o.Name, o.Alignment));
        var aliases = await db.OutletAliases.AsNoTracking().Select(a => new { a.NormalizedName, a.OutletId }).ToListAsync(cancellationToken);
        var domains = await db.OutletDomains.AsNoTracking().Select(d => new { d.Host, d.OutletId }).ToListAsync(cancellationToken);

        var names = new Dictionary<string, OutletMatch>(StringComparer.Ordinal);
        foreach (var alias in aliases) names[alias.NormalizedName] = outlets[alias.OutletId];
        // An outlet's own name wins over another outlet's alias.
        foreach (var row in rows) names[row.NormalizedName] = outlets[row.Id];
        return new OutletDirectory(domains.ToDictionary(d => d.Host, d => outlets[d.OutletId], StringComparer.Ordinal), names);
    }

    private sealed class OutletDirectory(Dictionary<string, OutletMatch> byHost, Dictionary<string, OutletMatch> byName)
    {
        public OutletMatch? Find(OutletClue clue)
        {
            if (OutletKeys.NormalizeHost(clue.Url) is { } host)
                foreach (var candidate in OutletKeys.HostAndParents(host))
                    if (byHost.TryGetValue(candidate, out var byDomain)) return byDomain;
            var name = clue.Name ?? OutletKeys.NormalizeHost(clue.Url) ?? UnknownOutletName;
            return byName.GetValueOrDefault(OutletKeys.NormalizeName(name));
        }
    }
}
