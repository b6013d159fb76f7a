using System.Text;
using System.Text.Json;
using Aggregator.Registry;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Registry;

public sealed class IndexModel(AppDbContext db, RegistryImporter importer) : AdminPageModel
{
    private const long MaxImportBytes = 5 * 1024 * 1024;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        File(Encoding.UTF8.GetBytes(RegistryCsv.Write(await EntriesAsync(cancellationToken))), "text/csv; charset=utf-8", "registry.csv");

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken cancellationToken) =>
        File(JsonSerializer.SerializeToUtf8Bytes(new RegistryDocument(1, null, await EntriesAsync(cancellationToken)), RegistryJson.Options),
            "application/json", "registry.json");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Errors = ["choose a file to import"];
            return Page();
        }
        if (file.Length > MaxImportBytes)
        {
            Errors = [$"the file is larger than {MaxImportBytes / 1024 / 1024} MB"];
            return Page();
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var outcome = await importer.ImportAsync(file.FileName, await reader.ReadToEndAsync(cancellationToken), Actor, cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Errors;
            return Page();
        }
        var affected = outcome.AffectedDigests.Count > 0
            ? $" Published digests that a rebuild would change: {string.Join(", ", outcome.AffectedDigests.Select(d => $"{d.TopicSlug} {d.Date:yyyy-MM-dd}"))}."
            : "";
        Status($"Imported {file.FileName}: {outcome.Created} outlets created, {outcome.Updated} updated.{affected}");
        return RedirectToPage();
    }

    private async Task<IReadOnlyList<RegistryEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        var outlets = await db.Outlets.AsNoTracking().Include(o => o.Aliases).Include(o => o.Domains).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return outlets.Select(o => OutletSnapshot.Of(o).ToEntry()).ToList();
    }
}
