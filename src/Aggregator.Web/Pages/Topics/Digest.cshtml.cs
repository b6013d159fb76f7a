using Aggregator.Caching;
using Aggregator.Digests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages.Topics;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class DigestModel(DigestReader reader, TimeProvider clock) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    [FromRoute] public string Date { get; set; } = "";

    public Model.Digest? Digest { get; private set; }
    public DateOnly? Previous { get; private set; }
    public DateOnly? Next { get; private set; }

    public IReadOnlyList<Framing> Framings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!DigestWindow.TryParseDate(Date, out var date)) return BadRequest();
        if (date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) return NotFound();
        Digest = await reader.LatestAsync(Slug, date, cancellationToken);
        if (Digest is null) return NotFound();
        (Previous, Next) = await reader.NeighboursAsync(Slug, date, cancellationToken);
        Framings = DigestFramings.Of(Digest);
        return Page();
    }
}
