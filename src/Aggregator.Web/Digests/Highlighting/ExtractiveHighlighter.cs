using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// Offline, deterministic highlights built only from what the feeds said: the window's biggest stories, each
/// named by its newest headline, with how many articles each side published about it. Nothing is invented.
/// </summary>
public sealed class ExtractiveHighlighter : IHighlighter
{
    public const string Name = "extractive";
    public const int MaxBullets = 5;

    public Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Write(request));

    public static Highlights Write(HighlightRequest request)
    {
        var stories = request.Selection.Stories;
        var sides = request.Sides;
        // Stories both sides covered come first; then one-sided stories, taking turns between the sides.
        var shared = stories.Where(s => sides.All(side => s.CountOn(side.Side) > 0)).OrderBy(s => s, BySize).ToList();
        var oneSided = sides
            .Select(side => stories.Where(s => s.CountOn(side.Side) > 0 && !shared.Contains(s)).OrderBy(s => s, BySize).ToList())
            .ToList();
        var turns = Enumerable.Range(0, oneSided.Count == 0 ? 0 : oneSided.Max(list => list.Count))
            .SelectMany(rank => oneSided.Where(list => rank < list.Count).Select(list => list[rank]));
        var overall = shared.Concat(turns)
            .Take(MaxBullets)
            .Select(s => shared.Contains(s)
                ? $"{Lead(s.Articles)} — covered by {string.Join(" and ", sides.Select(side => Count(s.CountOn(side.Side), side.Name)))}."
                : $"{Lead(s.Articles)} — reported only by {sides.Single(side => s.CountOn(side.Side) > 0).Name} outlets ({Articles(s.Articles.Count)}).")
            .ToList();
        var perSide = sides.ToDictionary(
            side => side.Side,
            side => (IReadOnlyList<string>)stories
                .Where(s => s.CountOn(side.Side) > 0)
                .OrderByDescending(s => s.CountOn(side.Side))
                .ThenByDescending(s => s.Newest)
                .ThenBy(s => s.Id)
                .Take(MaxBullets)
                .Select(s =>
                {
                    var articles = s.Articles.Where(a => a.Side == side.Side).ToList();
                    var outlets = articles.Select(a => a.Outlet).Distinct().ToList();
                    return $"{Lead(articles)} ({Articles(articles.Count)}: {string.Join(", ", outlets)}).";
                })
                .ToList());
        return new Highlights(overall, perSide, Name);
    }

    private static readonly Comparer<Story> BySize = Comparer<Story>.Create((a, b) =>
        b.Articles.Count != a.Articles.Count ? b.Articles.Count.CompareTo(a.Articles.Count)
        : b.Newest != a.Newest ? b.Newest.CompareTo(a.Newest)
        : a.Id.CompareTo(b.Id));

    private static string Lead(IReadOnlyList<DigestCandidate> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenBy(a => a.ArticleId).First().Headline;

    private static string Count(int count, string sideName) => $"{count} {sideName} {(count == 1 ? "article" : "articles")}";

    private static string Articles(int count) => count == 1 ? "1 article" : $"{count} articles";
}
