using Aggregator.Digests;
using Aggregator.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aggregator.Pages.Topics;

/// <summary>Stories one side ignored, day by day (<see cref="Digests.Blindspots"/> decides), fourteen days a page.</summary>
public sealed class BlindspotsModel(Blindspots blindspots, TimeProvider clock) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<BlindspotDay> Days { get; private set; } = [];
    public DateOnly Until { get; private set; }
    public DateOnly From { get; private set; }
    public ReaderAnchor Anchor { get; private set; } = null!;
    public DateOnly? Older { get; private set; }

    public string SideName(Side side) => Topic.Sides.NameOf(side);

    public async Task<IActionResult> OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        DateOnly? until = null;
        if (before is not null)
        {
            if (!DigestWindow.TryParseDate(before, out var parsed)) return BadRequest();
            until = parsed.AddDays(-1);
        }
        if (await blindspots.ReadAsync(Slug, until, clock.GetUtcNow(), cancellationToken) is not { } page) return NotFound();
        (Topic, Anchor, From, Until, Days, Older) = (page.Topic, page.Anchor, page.From, page.Until, page.Days, page.Older);
        return Page();
    }
}
