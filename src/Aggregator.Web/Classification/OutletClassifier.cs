using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Classification;

/// <summary>What a feed says about an item's outlet.</summary>
public sealed record OutletClue(string? Name, string? Url)
{
    public const string UnknownOutletName = "Unknown outlet";

    public string? Host => OutletKeys.NormalizeHost(Url);

    /// <summary>The name the outlet goes by when the registry lacks it: the feed's name for it, else its host (cut to fit).</summary>
    public string DisplayName => ColumnLengths.Fit(Name ?? Host ?? UnknownOutletName, ColumnLengths.OutletName);
}

/// <summary>The outlet an item was attributed to, with the side it counts on and whether that side is provisional.</summary>
public sealed record OutletMatch(int OutletId, string Name, Side Side, bool Provisional = false);

/// <summary>
/// Finds each item's outlet in the registry: by the host of its source URL (www. stripped, parent domains tried),
/// then by name or alias. Only looks up: a clue the registry does not know has no match, and the caller decides
/// what to do about it.
/// </summary>
public sealed class OutletClassifier(AppDbContext db)
{
    /// <summary>The match of every clue the registry knows; unknown clues are left out.</summary>
    public async Task<IReadOnlyDictionary<OutletClue, OutletMatch>> ClassifyAsync(IEnumerable<OutletClue> clues, CancellationToken cancellationToken)
    {
        var directory = await LoadDirectoryAsync(cancellationToken);
        var matches = new Dictionary<OutletClue, OutletMatch>();
        foreach (var clue in clues.Distinct())
            if (directory.Find(clue) is { } match) matches[clue] = match;
        return matches;
    }

    private async Task<OutletDirectory> LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Outlets.AsNoTracking()
            .Select(o => new { o.Id, o.Name, o.NormalizedName, o.Side, Provisional = o.ProvisionalRule != null })
            .ToListAsync(cancellationToken);
        var outlets = rows.ToDictionary(o => o.Id, o => new OutletMatch(o.Id, o.Name, o.Side, o.Provisional));
        var aliases = await db.OutletAliases.AsNoTracking().Select(a => new { a.NormalizedName, a.OutletId }).ToListAsync(cancellationToken);
        var domains = await db.OutletDomains.AsNoTracking().Select(d => new { d.Host, d.OutletId }).ToListAsync(cancellationToken);

        // Three reads, three snapshots: an outlet stored meanwhile (a concurrent ingest discovering it) may already have
        // its alias or domain here but not its row. It is left to the next read, as if it had come a moment later.
        var names = new Dictionary<string, OutletMatch>(StringComparer.Ordinal);
        foreach (var alias in aliases.Where(a => outlets.ContainsKey(a.OutletId))) names[alias.NormalizedName] = outlets[alias.OutletId];
        // An outlet's own name wins over another outlet's alias.
        foreach (var row in rows) names[row.NormalizedName] = outlets[row.Id];
        return new OutletDirectory(
            domains.Where(d => outlets.ContainsKey(d.OutletId)).ToDictionary(d => d.Host, d => outlets[d.OutletId], StringComparer.Ordinal), names);
    }

    private sealed class OutletDirectory(Dictionary<string, OutletMatch> byHost, Dictionary<string, OutletMatch> byName)
    {
        public OutletMatch? Find(OutletClue clue)
        {
            if (clue.Host is { } host)
                foreach (var candidate in OutletKeys.HostAndParents(host))
                    if (byHost.TryGetValue(candidate, out var byDomain)) return byDomain;
            return byName.GetValueOrDefault(OutletKeys.NormalizeName(clue.DisplayName));
        }
    }
}
