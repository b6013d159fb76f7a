using Aggregator.Caching;
using Aggregator.Classification;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Registry;

/// <summary>A published digest that includes articles of an outlet, so a change of that outlet's side would change it if rebuilt.</summary>
public sealed record AffectedDigest(string TopicSlug, DateOnly Date, int Version);

public sealed record RegistryResult(IReadOnlyList<string> Errors, IReadOnlyList<AffectedDigest> AffectedDigests, int? OutletId = null)
{
    public bool Succeeded => Errors.Count == 0;
    public static RegistryResult Failed(params string[] errors) => new(errors, []);
}

/// <summary>
/// The registry's write rules, shared by the admin pages, imports and seeding: names, aliases and domains stay unique
/// across outlets; a change of side re-tags the outlet's stored articles; every change is audited; published digest
/// snapshots are never touched (the affected ones are listed so an admin can rebuild them).
/// </summary>
public sealed class RegistryEditor(AppDbContext db, ReaderPageCache cache, TimeProvider clock)
{
    public Task<Outlet?> LoadAsync(int outletId, CancellationToken cancellationToken) =>
        db.Outlets.Include(o => o.Aliases).Include(o => o.Domains).SingleOrDefaultAsync(o => o.Id == outletId, cancellationToken);

    public async Task<RegistryResult> CreateAsync(OutletChange change, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outlet = new Outlet
        {
            Name = change.Name.Trim(),
            NormalizedName = OutletKeys.NormalizeName(change.Name),
            Origin = OutletOrigin.Admin,
            FirstSeenAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            EditedByAdminAt = now,
        };
        var errors = await ApplyAsync(outlet, change, cancellationToken);
        if (errors.Count > 0) return new RegistryResult(errors, []);
        db.Outlets.Add(outlet);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.OutletCreated, "outlet", outlet.Id, null, OutletSnapshot.Of(outlet), now));
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return new RegistryResult([], [], outlet.Id);
    }

    /// <summary>Applies an admin's edit (the outlet then counts as admin-edited: re-seeding leaves it alone).</summary>
    public async Task<RegistryResult> UpdateAsync(Outlet outlet, OutletChange change, string actor, string action, CancellationToken cancellationToken)
    {
        var before = OutletSnapshot.Of(outlet);
        var errors = await ApplyAsync(outlet, change, cancellationToken);
        if (errors.Count > 0) return new RegistryResult(errors, []);
        var now = clock.GetUtcNow();
        outlet.EditedByAdminAt = now;
        outlet.UpdatedAt = now;
        if (outlet.Origin == OutletOrigin.Discovered) outlet.Origin = OutletOrigin.Admin;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var affected = before.Side == outlet.Side.ToCode() ? [] : await RetagAsync(outlet, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(actor, action, "outlet", outlet.Id, before, OutletSnapshot.Of(outlet), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return new RegistryResult([], affected, outlet.Id);
    }

    /// <summary>Moves everything of <paramref name="sourceId"/> (articles, names, domains) onto <paramref name="targetId"/> and deletes the source.</summary>
    public async Task<RegistryResult> MergeAsync(int sourceId, int targetId, string actor, CancellationToken cancellationToken)
    {
        if (sourceId == targetId) return RegistryResult.Failed("an outlet cannot be merged into itself");
        var source = await LoadAsync(sourceId, cancellationToken);
        var target = await LoadAsync(targetId, cancellationToken);
        if (source is null || target is null) return RegistryResult.Failed("both outlets must exist");
        var sourceBefore = OutletSnapshot.Of(source);
        var targetBefore = OutletSnapshot.Of(target);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var names = new[] { source.Name }.Concat(source.Aliases.Select(a => a.Name)).ToList();
        var domains = source.Domains.Select(d => d.Host).ToList();
        db.OutletAliases.RemoveRange(source.Aliases);
        db.OutletDomains.RemoveRange(source.Domains);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var name in names)
        {
            var normalized = OutletKeys.NormalizeName(name);
            if (normalized != target.NormalizedName && target.Aliases.All(a => a.NormalizedName != normalized))
                target.Aliases.Add(new OutletAlias { Name = name, NormalizedName = normalized });
        }
        foreach (var host in domains.Where(h => target.Domains.All(d => d.Host != h)))
            target.Domains.Add(new OutletDomain { Host = host });
        target.FirstSeenAt = target.FirstSeenAt < source.FirstSeenAt ? target.FirstSeenAt : source.FirstSeenAt;
        target.EditedByAdminAt = now;
        target.UpdatedAt = now;
        // The source's name must be free before it becomes the target's alias.
        db.Outlets.Remove(source);
        await db.Articles.Where(a => a.OutletId == sourceId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OutletId, targetId).SetProperty(a => a.Side, target.Side), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var affected = sourceBefore.Side == targetBefore.Side ? [] : await AffectedDigestsAsync(targetId, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.OutletMerged, "outlet", targetId,
            new { source = sourceBefore, target = targetBefore }, OutletSnapshot.Of(target), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return new RegistryResult([], affected, targetId);
    }

    public async Task<RegistryResult> DeleteAsync(int outletId, string actor, CancellationToken cancellationToken)
    {
        var outlet = await LoadAsync(outletId, cancellationToken);
        if (outlet is null) return RegistryResult.Failed("no such outlet");
        var articles = await db.Articles.CountAsync(a => a.OutletId == outletId, cancellationToken);
        if (articles > 0)
            return RegistryResult.Failed($"{outlet.Name} has {articles} stored articles: merge it into another outlet instead of deleting it");
        db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.OutletDeleted, "outlet", outlet.Id, OutletSnapshot.Of(outlet), null, clock.GetUtcNow()));
        db.Outlets.Remove(outlet);
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return new RegistryResult([], []);
    }

    /// <summary>Sets the outlet's fields and names/domains to <paramref name="change"/>, refusing names or domains another outlet owns.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(Outlet outlet, OutletChange change, CancellationToken cancellationToken)
    {
        var errors = change.Problems().ToList();
        if (errors.Count > 0) return errors;

        var name = change.Name.Trim();
        var normalizedName = OutletKeys.NormalizeName(name);
        var aliases = change.Aliases.Select(a => a.Trim()).Where(a => a.Length > 0)
            .DistinctBy(OutletKeys.NormalizeName).Where(a => OutletKeys.NormalizeName(a) != normalizedName).ToList();
        var hosts = change.Domains.Select(OutletKeys.NormalizeHost).OfType<string>().Distinct().ToList();
        var keys = aliases.Select(OutletKeys.NormalizeName).Append(normalizedName).ToList();

        var nameOwners = await db.Outlets.Where(o => o.Id != outlet.Id && keys.Contains(o.NormalizedName)).Select(o => new { o.NormalizedName, o.Name }).ToListAsync(cancellationToken);
        var aliasOwners = await db.OutletAliases.Where(a => a.OutletId != outlet.Id && keys.Contains(a.NormalizedName))
            .Join(db.Outlets, a => a.OutletId, o => o.Id, (a, o) => new { a.NormalizedName, o.Name }).ToListAsync(cancellationToken);
        var domainOwners = await db.OutletDomains.Where(d => d.OutletId != outlet.Id && hosts.Contains(d.Host))
            .Join(db.Outlets, d => d.OutletId, o => o.Id, (d, o) => new { d.Host, o.Name }).ToListAsync(cancellationToken);
        foreach (var owner in nameOwners.Concat(aliasOwners))
            errors.Add($"the name '{owner.NormalizedName}' already belongs to {owner.Name}");
        foreach (var owner in domainOwners)
            errors.Add($"the domain {owner.Host} already belongs to {owner.Name}");
        if (errors.Count > 0) return errors;

        outlet.Name = name;
        outlet.NormalizedName = normalizedName;
        outlet.Country = OutletChange.Blank(change.Country);
        outlet.Side = change.Side;
        // The registry file or an admin has now decided the side: it is no longer a rule's guess.
        outlet.ProvisionalRule = null;
        outlet.Notes = OutletChange.Blank(change.Notes);
        outlet.Aliases.RemoveAll(a => !aliases.Any(n => OutletKeys.NormalizeName(n) == a.NormalizedName));
        foreach (var alias in aliases.Where(n => outlet.Aliases.All(a => a.NormalizedName != OutletKeys.NormalizeName(n))))
            outlet.Aliases.Add(new OutletAlias { Name = alias, NormalizedName = OutletKeys.NormalizeName(alias) });
        outlet.Domains.RemoveAll(d => !hosts.Contains(d.Host));
        foreach (var host in hosts.Where(h => outlet.Domains.All(d => d.Host != h)))
            outlet.Domains.Add(new OutletDomain { Host = host });
        return [];
    }

    /// <summary>Gives the outlet's stored articles its (new) side and lists the published digests that a rebuild would change.</summary>
    public async Task<IReadOnlyList<AffectedDigest>> RetagAsync(Outlet outlet, CancellationToken cancellationToken)
    {
        await db.Articles.Where(a => a.OutletId == outlet.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Side, outlet.Side), cancellationToken);
        return await AffectedDigestsAsync(outlet.Id, cancellationToken);
    }

    private async Task<IReadOnlyList<AffectedDigest>> AffectedDigestsAsync(int outletId, CancellationToken cancellationToken)
    {
        var rows = await db.Digests
            .Where(d => db.DigestArticles.Any(line => line.DigestId == d.Id && db.Articles.Any(a => a.Id == line.ArticleId && a.OutletId == outletId)))
            .Where(d => !db.Digests.Any(newer => newer.TopicId == d.TopicId && newer.Date == d.Date && newer.Version > d.Version))
            .OrderByDescending(d => d.Date)
            .Select(d => new { d.TopicSlug, d.Date, d.Version })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AffectedDigest(r.TopicSlug, r.Date, r.Version)).ToList();
    }
}
