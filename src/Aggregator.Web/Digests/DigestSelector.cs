using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>An article that may enter a digest, with its stored story (null for articles stored before stories existed).</summary>
public sealed record DigestCandidate(long ArticleId, long? StoryId, Side Side, int OutletId, string Outlet, string Headline, DateTimeOffset PublishedAt);

/// <summary>A story of the window: its articles on each side.</summary>
public sealed record CandidateStory(long Id, IReadOnlyList<DigestCandidate> Articles)
{
    public int CountOn(Side side) => Articles.Count(a => a.Side == side);
    public DateTimeOffset Newest => Articles.Max(a => a.PublishedAt);
}

/// <summary>A story as the digest shows it: the window's story and the digest's articles of it, at most one per side.</summary>
public sealed record SelectedStory(CandidateStory Story, IReadOnlyList<DigestCandidate> Picked)
{
    public DigestCandidate? On(Side side) => Picked.FirstOrDefault(a => a.Side == side);
}

public sealed record DigestSelection(IReadOnlyList<CandidateStory> Stories, IReadOnlyDictionary<Side, IReadOnlyList<DigestCandidate>> PerSide, int PerSideCount)
{
    private IReadOnlyList<DigestCandidate>? all;

    /// <summary>The digest's articles in source-list order: newest first.</summary>
    public IReadOnlyList<DigestCandidate> All => all ??= PerSide.Values.SelectMany(a => a).OrderByDescending(a => a.PublishedAt).ThenBy(a => a.ArticleId).ToList();

    /// <summary>An article's number in the source list (1-based).</summary>
    public int SourceNumber(DigestCandidate article) => All.ToList().FindIndex(a => a.ArticleId == article.ArticleId) + 1;

    /// <summary>The stories the digest's articles belong to, in the order the selection ranked them (both sides first).</summary>
    public IReadOnlyList<SelectedStory> Selected(IReadOnlyList<Side> sides)
    {
        var picked = PerSide.Values.SelectMany(a => a).ToLookup(a => a.ArticleId);
        return Stories
            .Select(story => new SelectedStory(story, story.Articles.Where(a => picked.Contains(a.ArticleId)).OrderBy(a => sides.ToList().IndexOf(a.Side)).ToList()))
            .Where(s => s.Picked.Count > 0)
            .OrderByDescending(s => s.Picked.Count)
            .ThenBy(s => s.Story, DigestSelector.Rank(sides))
            .ToList();
    }
}

/// <summary>
/// Picks a balanced digest from the window's stored stories: the same number n = min(quota, stories available on
/// each side) from every side, each story at most once per side, no outlet over a third of a side while others are
/// available, stories both sides covered first, then bigger stories, then newer ones. A pure function of its input.
/// </summary>
public static class DigestSelector
{
    public static DigestSelection Select(IReadOnlyList<DigestCandidate> candidates, IReadOnlyList<Side> sides, int quota)
    {
        var ordered = candidates.OrderByDescending(c => c.PublishedAt).ThenBy(c => c.ArticleId).ToList();
        // An article without a stored story is a story of its own (negative ids cannot clash with stored ones).
        var stories = ordered.GroupBy(c => c.StoryId ?? -c.ArticleId)
            .Select(g => new CandidateStory(g.Key, g.ToList()))
            .OrderBy(s => s, Rank(sides))
            .ToList();

        var available = sides.Select(side => stories.Count(s => s.CountOn(side) > 0)).DefaultIfEmpty(0).Min();
        var n = Math.Min(quota, available);
        var perSide = sides.ToDictionary(side => side, side => PickSide(stories, side, n));
        return new DigestSelection(stories, perSide, n);
    }

    /// <summary>Stories every side covered first, then bigger, then newer, then by id.</summary>
    public static Comparer<CandidateStory> Rank(IReadOnlyList<Side> sides) => Comparer<CandidateStory>.Create((a, b) =>
    {
        var (aBoth, bBoth) = (sides.All(side => a.CountOn(side) > 0), sides.All(side => b.CountOn(side) > 0));
        if (aBoth != bBoth) return aBoth ? -1 : 1;
        if (a.Articles.Count != b.Articles.Count) return b.Articles.Count.CompareTo(a.Articles.Count);
        if (a.Newest != b.Newest) return b.Newest.CompareTo(a.Newest);
        return a.Id.CompareTo(b.Id);
    });

    private static IReadOnlyList<DigestCandidate> PickSide(IReadOnlyList<CandidateStory> ranked, Side side, int n)
    {
        if (n == 0) return [];
        var cap = Math.Max(1, n / 3);
        var picked = new List<DigestCandidate>();
        var perOutlet = new Dictionary<int, int>();
        var usedStories = new HashSet<long>();

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
