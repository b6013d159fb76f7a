using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Stories;

/// <summary>One story seen from each side: its articles by time, each side's headlines next to each other, where it was in digests.</summary>
public sealed class StoryModel(AppDbContext db) : PageModel
{
    public sealed record ArticleView(long Id, string Headline, string Link, string Outlet, Side Side, bool Provisional, DateTimeOffset PublishedAt, string Language);
    public sealed record DigestView(string Slug, DateOnly Date, string Title);

    [FromRoute] public long Id { get; set; }
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<TopicSide> Sides { get; private set; } = [];
    public IReadOnlyList<ArticleView> Articles { get; private set; } = [];
    public IReadOnlyList<DigestView> Digests { get; private set; } = [];
    public string Headline => Articles.MaxBy(a => (a.PublishedAt, a.Id))?.Headline ?? "";

    public IReadOnlyList<ArticleView> On(Side side) => Articles.Where(a => a.Side == side).OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (story is null) return NotFound();
        if (story.MergedIntoId is { } merged) return RedirectPermanent($"/stories/{merged}");
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == story.TopicId && t.Enabled, cancellationToken);
        if (topic is null) return NotFound();
        Topic = topic;
        Sides = topic.Sides.OrderBy(s => s.Position).ToList();
        Articles = await db.ArticleTopics.Where(m => m.StoryId == Id)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => a)
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new ArticleView(a.Id, a.Headline, a.Link, a.SourceName, a.Side, a.Outlet!.ProvisionalRule != null, a.PublishedAt, a.Language))
            .ToListAsync(cancellationToken);
        if (Articles.Count == 0) return NotFound();
        var digests = await db.DigestArticles.Where(a => a.StoryId == Id)
            .Join(db.Digests, a => a.DigestId, d => d.Id, (a, d) => new { d.TopicSlug, d.Date, d.Title, d.Version })
            .Distinct().ToListAsync(cancellationToken);
        Digests = digests.GroupBy(d => (d.TopicSlug, d.Date)).Select(g => g.MaxBy(d => d.Version)!)
            .OrderByDescending(d => d.Date).Select(d => new DigestView(d.TopicSlug, d.Date, d.Title)).ToList();
        return Page();
    }
}
