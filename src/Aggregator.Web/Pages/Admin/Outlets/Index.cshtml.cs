using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Outlets;

public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Name, string Side, string? Country, IReadOnlyList<string> Domains, int Articles, bool Edited);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public string? SideFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(PageNumber, 1);
        var outlets = db.Outlets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var name = "%" + OutletKeys.NormalizeName(Q).Replace("%", "\\%").Replace("_", "\\_") + "%";
            var host = "%" + Q.Trim().ToLowerInvariant().Replace("%", "\\%").Replace("_", "\\_") + "%";
            outlets = outlets.Where(o => EF.Functions.Like(o.NormalizedName, name)
                || o.Aliases.Any(a => EF.Functions.Like(a.NormalizedName, name))
                || o.Domains.Any(d => EF.Functions.Like(d.Host, host)));
        }
        if (SideCodes.TryParse(SideFilter, out var side) && !string.IsNullOrWhiteSpace(SideFilter))
            outlets = outlets.Where(o => o.Side == side);
        if (!string.IsNullOrWhiteSpace(Country))
            outlets = outlets.Where(o => o.Country == Country.Trim().ToUpperInvariant());

        Total = await outlets.CountAsync(cancellationToken);
        var page = await outlets.OrderBy(o => o.Name).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new
            {
                o.Id, o.Name, o.Side, o.Country, Edited = o.EditedByAdminAt != null,
                Domains = o.Domains.Select(d => d.Host).ToList(),
                Articles = db.Articles.Count(a => a.OutletId == o.Id),
            })
            .ToListAsync(cancellationToken);
        Rows = page.Select(o => new Row(o.Id, o.Name, o.Side.ToCode(), o.Country, o.Domains, o.Articles, o.Edited)).ToList();
    }
}
