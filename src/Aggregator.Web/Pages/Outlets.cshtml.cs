using Aggregator.Caching;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class OutletsModel(AppDbContext db) : PageModel
{
    public sealed record OutletRow(string Name, string? Country, string? Notes, string? ProvisionalRule);
    public sealed record Group(string Code, string Title, IReadOnlyList<OutletRow> Outlets);

    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public int AwaitingReview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var outlets = await db.Outlets.AsNoTracking()
            .Where(o => o.Side != Side.Unclassified)
            .OrderBy(o => o.Name)
            .Select(o => new { o.Side, Row = new OutletRow(o.Name, o.Country, o.Notes, o.ProvisionalRule) })
            .ToListAsync(cancellationToken);
        AwaitingReview = await db.Outlets.CountAsync(Outlet.AwaitsReview, cancellationToken);
        Groups =
        [
            new("us", "United States side", outlets.Where(o => o.Side == Side.Us).Select(o => o.Row).ToList()),
            new("china", "China side", outlets.Where(o => o.Side == Side.China).Select(o => o.Row).ToList()),
            new("neutral", "Neutral (neither side)", outlets.Where(o => o.Side == Side.Neutral).Select(o => o.Row).ToList()),
        ];
    }
}
