using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Outlets;

public sealed class MergeModel(AppDbContext db, RegistryEditor editor) : AdminPageModel
{
    public sealed record Target(int Id, string Name, string Side);

    [FromRoute] public int Id { get; set; }
    [BindProperty] public int TargetId { get; set; }

    public string SourceName { get; private set; } = "";
    public int SourceArticles { get; private set; }
    public IReadOnlyList<Target> Targets { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await editor.MergeAsync(Id, TargetId, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
        Status("Merged.");
        if (result.AffectedDigests.Count > 0)
            TempData["AffectedDigests"] = System.Text.Json.JsonSerializer.Serialize(result.AffectedDigests);
        return RedirectToPage("./Edit", new { id = result.OutletId });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var source = await db.Outlets.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (source is null) return false;
        SourceName = source.Name;
        SourceArticles = await db.Articles.CountAsync(a => a.OutletId == Id, cancellationToken);
        var targets = await db.Outlets.AsNoTracking().Where(o => o.Id != Id).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.Side }).ToListAsync(cancellationToken);
        Targets = targets.Select(t => new Target(t.Id, t.Name, t.Side.ToCode())).ToList();
        return true;
    }
}
