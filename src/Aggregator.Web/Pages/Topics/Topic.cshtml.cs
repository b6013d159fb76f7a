using Aggregator.Caching;
using Aggregator.Digests;
using Aggregator.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages.Topics;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class TopicModel(DigestReader reader) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public string Name { get; private set; } = "";
    public Digest? Newest { get; private set; }
    public IReadOnlyList<IGrouping<DateOnly, DateOnly>> Archive { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var topic = await reader.TopicAsync(Slug, cancellationToken);
        if (topic is null) return NotFound();
        Name = topic.Name;
        Newest = await reader.NewestAsync(Slug, cancellationToken);
        Archive = (await reader.DatesAsync(Slug, cancellationToken)).GroupBy(d => new DateOnly(d.Year, d.Month, 1)).ToList();
        return Page();
    }
}
