using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Audit;

public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    private const int PageSize = 100;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (before is { } id) entries = entries.Where(e => e.Id < id);
        var page = await entries.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
    }
}
