using Aggregator.Caching;
using Aggregator.Classification;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Registry;

public sealed record SeedResult(int Added, int Updated, int KeptAdminEdits, IReadOnlyList<string> Skipped);

/// <summary>
/// Loads the default registry: adds outlets it lacks, brings registry outlets and discovered (unclassified) ones up to
/// the file, and never touches an outlet an admin has edited. Runs on the first start and with `seed-registry`.
/// </summary>
public sealed class RegistrySeeder(AppDbContext db, RegistryEditor editor, TimeProvider clock, ILogger<RegistrySeeder> logger, ReaderPageCache cache)
{
    public Task<bool> HasBeenSeededAsync(CancellationToken cancellationToken) =>
        db.Outlets.AnyAsync(o => o.Origin == OutletOrigin.Registry, cancellationToken);

    public async Task<SeedResult> SeedAsync(RegistryDocument registry, CancellationToken cancellationToken)
    {
        await using var turn = await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, AdvisoryLock.Registry, cancellationToken);
        // One transaction: the registry goes in whole or not at all, with one commit instead of one per outlet.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        int added = 0, updated = 0, kept = 0;
        var skipped = new List<string>();
        foreach (var entry in registry.Outlets)
        {
            var change = OutletChange.From(entry, out var problem);
            if (problem is not null)
            {
                skipped.Add($"{entry.Name}: {problem}");
                continue;
            }
            var outlet = await FindAsync(change, cancellationToken);
            if (outlet?.EditedByAdminAt is not null)
            {
                kept++;
                continue;
            }
            var isNew = outlet is null;
            outlet ??= new Outlet { Name = change.Name, NormalizedName = OutletKeys.NormalizeName(change.Name), FirstSeenAt = now, CreatedAt = now };
            var before = isNew ? null : OutletSnapshot.Of(outlet);
            // A discovered outlet found through an alias keeps the spelling it was found under.
            var keepName = !isNew && OutletKeys.NormalizeName(outlet.Name) != OutletKeys.NormalizeName(change.Name) ? outlet.Name : null;
            // Domains seen in feeds stay with the outlet as well.
            var merged = isNew ? change : change with
            {
                Aliases = keepName is null ? change.Aliases : [.. change.Aliases, keepName],
                Domains = [.. change.Domains, .. outlet.Domains.Select(d => d.Host)],
            };
            var errors = await editor.ApplyAsync(outlet, merged, cancellationToken);
            if (errors.Count > 0)
            {
                skipped.Add($"{entry.Name}: {string.Join("; ", errors)}");
                db.ChangeTracker.Clear();
                continue;
            }
            if (before is not null && before.SameAs(OutletSnapshot.Of(outlet)) && outlet.Origin == OutletOrigin.Registry) continue;
            outlet.Origin = OutletOrigin.Registry;
            outlet.UpdatedAt = now;
            if (isNew) db.Outlets.Add(outlet);
            await db.SaveChangesAsync(cancellationToken);
            if (isNew) added++;
            else
            {
                updated++;
                if (before!.Side != outlet.Side.ToCode()) await editor.RetagAsync(outlet, cancellationToken);
            }
            // Each entry loads its outlet afresh: without this, every save would scan every outlet tracked so far.
            db.ChangeTracker.Clear();
        }
        if (added + updated > 0)
        {
            db.AuditEntries.Add(AuditEntry.Create("system", AuditActions.RegistrySeeded, "registry", $"v{registry.Version}", null, new { added, updated, kept }, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var skip in skipped) logger.LogWarning("Registry entry skipped: {Reason}", skip);
        logger.LogInformation("Registry seeded: {Added} added, {Updated} updated, {Kept} kept as admins edited them", added, updated, kept);
        await cache.EvictAsync(cancellationToken);
        return new SeedResult(added, updated, kept, skipped);
    }

    /// <summary>The stored outlet an entry describes: same name, an alias of it, or one of its domains.</summary>
    private async Task<Outlet?> FindAsync(OutletChange change, CancellationToken cancellationToken)
    {
        var names = change.Aliases.Append(change.Name).Select(OutletKeys.NormalizeName).ToList();
        var hosts = change.Domains.Select(OutletKeys.NormalizeHost).OfType<string>().ToList();
        var id = await db.Outlets.Where(o => o.NormalizedName == OutletKeys.NormalizeName(change.Name)).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Outlets.Where(o => names.Contains(o.NormalizedName)).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.OutletAliases.Where(a => names.Contains(a.NormalizedName)).Select(a => (int?)a.OutletId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.OutletDomains.Where(d => hosts.Contains(d.Host)).Select(d => (int?)d.OutletId).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await editor.LoadAsync(found, cancellationToken) : null;
    }
}
