using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Review;

public sealed class IndexModel(AppDbContext db, RegistryEditor editor) : AdminPageModel
{
    private const int SampleCount = 3;

    public sealed record Row(int Id, string Name, Side Side, string? ProvisionalRule, int Articles, DateTimeOffset FirstSeen, IReadOnlyList<string> Domains, IReadOnlyList<string> Samples);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var outlets = await db.Outlets.AsNoTracking()
            .Where(Outlet.AwaitsReview)
            .Select(o => new
            {
                o.Id, o.Name, o.Side, o.ProvisionalRule, o.FirstSeenAt,
                Domains = o.Domains.Select(d => d.Host).ToList(),
                Articles = db.Articles.Count(a => a.OutletId == o.Id),
                Samples = db.Articles.Where(a => a.OutletId == o.Id).OrderByDescending(a => a.PublishedAt).Take(SampleCount).Select(a => a.Headline).ToList(),
            })
            .OrderByDescending(o => o.Articles).ThenBy(o => o.Name)
            .Take(200)
            .ToListAsync(cancellationToken);
        Rows = outlets.Select(o => new Row(o.Id, o.Name, o.Side, o.ProvisionalRule, o.Articles, o.FirstSeenAt, o.Domains, o.Samples)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(int id, string side, string? country, CancellationToken cancellationToken)
    {
        var outlet = await editor.LoadAsync(id, cancellationToken);
        if (outlet is null) return NotFound();
        if (!SideCodes.TryParse(side, out var chosen) || chosen == Side.Unclassified)
        {
            Status("Choose a side: United States, China or neutral.");
            return RedirectToPage();
        }
        var current = OutletSnapshot.Of(outlet);
        var change = new OutletChange(current.Name, current.Aliases, current.Domains,
            string.IsNullOrWhiteSpace(country) ? current.Country : country.Trim().ToUpperInvariant(), chosen, current.Notes);
        var result = await editor.UpdateAsync(outlet, change, Actor, AuditActions.OutletClassified, cancellationToken);
        Status(result.Succeeded ? $"{outlet.Name} is now on the {chosen.ToCode()} side; its articles were re-tagged." : string.Join(" ", result.Errors));
        return RedirectToPage();
    }
}
