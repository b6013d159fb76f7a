using Aggregator.Model;
using Aggregator.Stories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aggregator.Pages.Stories;

/// <summary>One story seen from each side: its articles by time, each side's headlines next to each other, where it was in digests.</summary>
public sealed class StoryModel(StoryPages stories) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public StoryView View { get; private set; } = null!;
    public Topic Topic => View.Topic;
    public IReadOnlyList<TopicSide> Sides => View.Sides;
    public IReadOnlyList<StoryArticle> Articles => View.Articles;
    public IReadOnlyList<StoryDigest> Digests => View.Digests;
    public string Headline => View.Headline;

    public IReadOnlyList<StoryArticle> On(Side side) => View.On(side);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var lookup = await stories.ReadAsync(Id, cancellationToken);
        if (lookup?.MergedInto is { } merged) return RedirectPermanent($"/stories/{merged}");
        if (lookup?.View is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
