using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>An article that may enter a digest.</summary>
public sealed record DigestCandidate(long ArticleId, Side Side, int OutletId, string Outlet, string Headline, DateTimeOffset PublishedAt);

/// <summary>A story of the window: its articles on each side.</summary>
public sealed record Story(int Id, IReadOnlyList<DigestCandidate> Articles)
{
    public int CountOn(Side side) => Articles.Count(a => a.Side == side);
    public DateTimeOffset Newest => Articles.Max(a => a.PublishedAt);
}

public sealed record DigestSelection(IReadOnlyList<Story> Stories, IReadOnlyDictionary<Side, IReadOnlyList<DigestCandidate>> PerSide, int PerSideCount)
{
    public IReadOnlyList<DigestCandidate> All => PerSide.Values.SelectMany(a => a).OrderByDescending(a => a.PublishedAt).ThenBy(a => a.ArticleId).ToList();
}

/// <summary>
/// Picks a balanced digest: the same number n = min(quota, stories available on each side) from every side,
/// each story at most once per side, no outlet over a third of a side while others are available, stories both
/// sides covered first, then bigger stories, then newer ones. A pure function of its input.
/// </summary>
public static class DigestSelector
{
    public static DigestSelection Select(IReadOnlyList<DigestCandidate> candidates, IReadOnlyList<Side> sides, int quota)
    {
        var ordered = candidates.OrderByDescending(c => c.PublishedAt).ThenBy(c => c.ArticleId).ToList();
        var clusters = StoryClusterer.Cluster(ordered.Select(c => new StoryHeadline(c.ArticleId, c.Headline)).ToList());
        var byId = ordered.ToDictionary(c => c.ArticleId);
        var stories = clusters.Select((ids, index) => new Story(index, ids.Select(id => byId[id]).ToList())).ToList();

        var available = sides.Select(side => stories.Count(s => s.CountOn(side) > 0)).DefaultIfEmpty(0).Min();
        var n = Math.Min(quota, available);
        var perSide = sides.ToDictionary(side => side, side => PickSide(stories, sides, side, n));
        return new DigestSelection(stories, perSide, n);
    }

    private static IReadOnlyList<DigestCandidate> PickSide(IReadOnlyList<Story> stories, IReadOnlyList<Side> sides, Side side, int n)
    {
        if (n == 0) return [];
        var ranked = stories.Where(s => s.CountOn(side) > 0)
            .OrderByDescending(s => sides.All(other => s.CountOn(other) > 0))
            .ThenByDescending(s => s.Articles.Count)
            .ThenByDescending(s => s.Newest)
            .ThenBy(s => s.Id)
            .ToList();
        var cap = Math.Max(1, n / 3);
        var picked = new List<DigestCandidate>();
        var perOutlet = new Dictionary<int, int>();
        var usedStories = new HashSet<int>();

        // First pass keeps every outlet within the cap; the second fills what is left only if it must.
        foreach (var respectCap in new[] { true, false })
        {
            foreach (var story in ranked)
            {
                if (picked.Count == n) break;
                if (usedStories.Contains(story.Id)) continue;
                var choice = story.Articles
                    .Where(a => a.Side == side)
                    .OrderBy(a => perOutlet.GetValueOrDefault(a.OutletId))
                    .ThenByDescending(a => a.PublishedAt)
                    .ThenBy(a => a.ArticleId)
                    .FirstOrDefault(a => !respectCap || perOutlet.GetValueOrDefault(a.OutletId) < cap);
                if (choice is null) continue;
                picked.Add(choice);
                usedStories.Add(story.Id);
                perOutlet[choice.OutletId] = perOutlet.GetValueOrDefault(choice.OutletId) + 1;
            }
        }
        return picked;
    }
}
