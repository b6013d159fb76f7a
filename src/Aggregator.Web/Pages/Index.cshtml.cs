using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record TopicSummary(string Slug, string Name);

    public IReadOnlyList<TopicSummary> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await db.Topics.AsNoTracking()
            .Where(t => t.Enabled)
            .OrderBy(t => t.Name)
            .Select(t => new TopicSummary(t.Slug, t.Name))
            .ToListAsync(cancellationToken);
    }
}
