using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Topics;

[OutputCache(PolicyName = DigestCache.Policy)]
public sealed class TopicModel(AppDbContext db, DigestReader reader) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public string Name { get; private set; } = "";
    public Digest? Newest { get; private set; }
    public IReadOnlyList<IGrouping<DateOnly, DateOnly>> Archive { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == Slug && t.Enabled, cancellationToken);
        if (topic is null) return NotFound();
        Name = topic.Name;
        Newest = await reader.NewestAsync(topic.Id, cancellationToken);
        Archive = (await reader.DatesAsync(topic.Id, cancellationToken)).GroupBy(d => new DateOnly(d.Year, d.Month, 1)).ToList();
        return Page();
    }
}
