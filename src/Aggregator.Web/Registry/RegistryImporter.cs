using System.Text.Json;
using Aggregator.Caching;
using Aggregator.Classification;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Registry;

public sealed record ImportOutcome(IReadOnlyList<string> Errors, int Created, int Updated, IReadOnlyList<AffectedDigest> AffectedDigests)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a registry file (CSV or JSON) as one admin edit: every row is checked and applied inside one
/// transaction; any bad row rolls everything back and is named in the errors ("line 7: …"). Nothing is half-applied.
/// </summary>
public sealed class RegistryImporter(AppDbContext db, RegistryEditor editor, TimeProvider clock, ReaderPageCache cache)
{
    public async Task<ImportOutcome> ImportAsync(string fileName, string content, string actor, CancellationToken cancellationToken)
    {
        var (rows, readError) = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(content) : ReadCsv(content);
        if (readError is not null) return new ImportOutcome([readError], 0, 0, []);
        if (rows.Count == 0) return new ImportOutcome(["the file has no outlets"], 0, 0, []);

        var errors = new List<string>();
        var created = 0;
        var updated = 0;
        var affected = new List<AffectedDigest>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (where, entry) in rows)
        {
            var change = OutletChange.From(entry, out var problem);
            if (problem is not null)
            {
                errors.Add($"{where}: {problem}");
                continue;
            }
            var normalized = OutletKeys.NormalizeName(change.Name);
            var existingId = await db.Outlets.Where(o => o.NormalizedName == normalized).Select(o => (int?)o.Id).SingleOrDefaultAsync(cancellationToken)
                ?? await db.OutletAliases.Where(a => a.NormalizedName == normalized).Select(a => (int?)a.OutletId).SingleOrDefaultAsync(cancellationToken);
            var outlet = existingId is { } id ? await editor.LoadAsync(id, cancellationToken) : null;
            var isNew = outlet is null;
            outlet ??= new Outlet { Name = change.Name, NormalizedName = normalized, Origin = OutletOrigin.Admin, FirstSeenAt = now, CreatedAt = now };
            var before = isNew ? null : OutletSnapshot.Of(outlet);
            var rowErrors = await editor.ApplyAsync(outlet, change, cancellationToken);
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(e => $"{where}: {e}"));
                if (!isNew) await db.Entry(outlet).ReloadAsync(cancellationToken);
                continue;
            }
            outlet.EditedByAdminAt = now;
            outlet.UpdatedAt = now;
            if (isNew) db.Outlets.Add(outlet);
            await db.SaveChangesAsync(cancellationToken);
            if (isNew) created++;
            else updated++;
            if (before is not null && before.Side != outlet.Side.ToCode())
                affected.AddRange(await editor.RetagAsync(outlet, cancellationToken));
        }
        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new ImportOutcome(errors, 0, 0, []);
        }
        db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.RegistryImported, "registry", fileName, null, new { created, updated, rows = rows.Count }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.EvictAsync(cancellationToken);
        return new ImportOutcome([], created, updated, affected.Distinct().ToList());
    }

    private static (IReadOnlyList<(string Where, RegistryEntry Entry)> Rows, string? Error) ReadCsv(string content)
    {
        var (rows, error) = RegistryCsv.Read(content);
        return (rows.Select(r => ($"line {r.Line}", r.Entry)).ToList(), error);
    }

    private static (IReadOnlyList<(string Where, RegistryEntry Entry)> Rows, string? Error) ReadJson(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var array = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement
                : document.RootElement.TryGetProperty("outlets", out var outlets) ? outlets
                : throw new JsonException("expected an array of outlets or an object with \"outlets\"");
            var rows = new List<(string, RegistryEntry)>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                rows.Add(($"outlet #{index}", element.Deserialize<RegistryEntry>(RegistryJson.Options)
                    ?? new RegistryEntry("", [], [], null, "", null)));
            }
            return (rows, null);
        }
        catch (JsonException e)
        {
            return ([], $"not valid registry JSON: {e.Message}");
        }
    }
}
