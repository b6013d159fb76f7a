using System.ComponentModel.DataAnnotations;
using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Outlets;

public sealed class EditModel(AppDbContext db, RegistryEditor editor) : AdminPageModel
{
    public sealed class OutletInput
    {
        [Required, StringLength(ColumnLengths.OutletName)]
        public string Name { get; set; } = "";
        public string Side { get; set; } = "unclassified";
        [StringLength(ColumnLengths.Country)]
        public string? Country { get; set; }
        public string? Aliases { get; set; }
        public string? Domains { get; set; }
        public string? Notes { get; set; }

        public OutletChange ToChange() => new(Name, Lines(Aliases), Lines(Domains), Country?.Trim().ToUpperInvariant(),
            SideCodes.TryParse(Side, out var side) ? side : Model.Side.Unclassified, Notes);

        private static List<string> Lines(string? text) =>
            (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public OutletInput Input { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<AffectedDigest> AffectedDigests { get; private set; } = [];
    public int Articles { get; private set; }
    public OutletOrigin? Origin { get; private set; }
    public DateTimeOffset? FirstSeen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return Page();
        var outlet = await editor.LoadAsync(Id.Value, cancellationToken);
        if (outlet is null) return NotFound();
        Input = new OutletInput
        {
            Name = outlet.Name,
            Side = outlet.Side.ToCode(),
            Country = outlet.Country,
            Aliases = string.Join('\n', outlet.Aliases.Select(a => a.Name)),
            Domains = string.Join('\n', outlet.Domains.Select(d => d.Host)),
            Notes = outlet.Notes,
        };
        if (TempData["AffectedDigests"] is string affected)
            AffectedDigests = System.Text.Json.JsonSerializer.Deserialize<List<AffectedDigest>>(affected) ?? [];
        await LoadFactsAsync(outlet, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        RegistryResult result;
        Outlet? outlet = null;
        if (Id is null)
        {
            result = await editor.CreateAsync(Input.ToChange(), Actor, cancellationToken);
        }
        else
        {
            outlet = await editor.LoadAsync(Id.Value, cancellationToken);
            if (outlet is null) return NotFound();
            result = await editor.UpdateAsync(outlet, Input.ToChange(), Actor, AuditActions.OutletUpdated, cancellationToken);
        }
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            if (outlet is not null) await LoadFactsAsync(outlet, cancellationToken);
            return Page();
        }
        Status($"Saved {Input.Name}.");
        if (result.AffectedDigests.Count > 0)
            TempData["AffectedDigests"] = System.Text.Json.JsonSerializer.Serialize(result.AffectedDigests);
        return RedirectToPage(new { id = result.OutletId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return NotFound();
        var result = await editor.DeleteAsync(Id.Value, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            Status(string.Join(" ", result.Errors));
            return RedirectToPage(new { id = Id });
        }
        Status("Outlet deleted.");
        return RedirectToPage("./Index");
    }

    private async Task LoadFactsAsync(Outlet outlet, CancellationToken cancellationToken)
    {
        Articles = await db.Articles.CountAsync(a => a.OutletId == outlet.Id, cancellationToken);
        Origin = outlet.Origin;
        FirstSeen = outlet.FirstSeenAt;
    }
}
