using System.Globalization;
using Aggregator.Caching;
using Aggregator.Digests;
using Aggregator.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages.Topics;

/// <summary>Coverage over 30, 90 or 365 days (<see cref="Digests.Trends"/> decides).</summary>
[OutputCache(PolicyName = ReaderPageCache.TrendsPolicy)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Aggregator.Admin.AdminAuthentication.ReaderQueryRateLimit)]
public sealed class TrendsModel(Trends trends, TimeProvider clock) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    public TrendsView View { get; private set; } = null!;
    public Topic Topic => View.Topic;
    public IReadOnlyList<TopicSide> Sides => View.Sides;
    public int Days => View.Days;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Only the three ranges, spelled as the links spell them: each other spelling would be a cache entry of its own.
        var days = Request.Query["days"];
        if (days.Count > 1 || (days.Count == 1 && !Trends.Ranges.Select(r => r.ToString(CultureInfo.InvariantCulture)).Contains(days[0]))) return BadRequest();
        var range = days.Count == 0 ? Trends.Ranges[0] : int.Parse(days[0]!, CultureInfo.InvariantCulture);
        if (await trends.ReadAsync(Slug, range, clock.GetUtcNow(), cancellationToken) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    public string SideName(Side side) => Sides.NameOf(side);
}
