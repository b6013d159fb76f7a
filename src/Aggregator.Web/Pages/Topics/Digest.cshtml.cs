using Aggregator.Digests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages.Topics;

[OutputCache(PolicyName = DigestCache.Policy)]
public sealed class DigestModel(DigestReader reader, TimeProvider clock) : PageModel
{
    /// <summary>
    /// Stories with an article from every side, in source order. The first side alternates by day (even days the
    /// topic's first side, odd days the other), because which side a reader sees first is itself a bias.
    /// </summary>
    public static IReadOnlyList<Framing> FramingsOf(Model.Digest digest)
    {
        var sides = digest.Sides.OrderBy(s => s.Position).Select(s => s.Side).ToList();
        if (digest.Date.DayNumber % 2 == 1) sides.Reverse();
        return digest.Articles.Where(a => a.StoryId is not null)
            .GroupBy(a => a.StoryId!.Value)
            .Where(g => sides.All(side => g.Any(a => a.Side == side)))
            .OrderBy(g => g.Min(a => a.Position))
            .Select(g => new Framing(g.Key, sides.Select(side => g.Where(a => a.Side == side).MinBy(a => a.Position)!).ToList()))
            .ToList();
    }

    [FromRoute] public string Slug { get; set; } = "";
    [FromRoute] public string Date { get; set; } = "";

    public Model.Digest? Digest { get; private set; }
    public DateOnly? Previous { get; private set; }
    public DateOnly? Next { get; private set; }

    /// <summary>A story both sides covered in this digest, with each side's article in the order this day shows the sides.</summary>
    public sealed record Framing(long StoryId, IReadOnlyList<Model.DigestArticle> Articles);

    public IReadOnlyList<Framing> Framings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!DigestReader.TryParseDate(Date, out var date)) return BadRequest();
        if (date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) return NotFound();
        Digest = await reader.LatestAsync(Slug, date, cancellationToken);
        if (Digest is null) return NotFound();
        (Previous, Next) = await reader.NeighboursAsync(Slug, date, cancellationToken);
        Framings = FramingsOf(Digest);
        return Page();
    }
}
