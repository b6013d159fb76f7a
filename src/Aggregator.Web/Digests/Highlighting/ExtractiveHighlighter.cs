using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// Offline, deterministic highlights built only from the digest's own articles, each pointing to its number in the
/// source list. Each section says what the others do not, and no headline is quoted in two of them:
/// <list type="bullet">
/// <item>Overall: one line per top story (in the order the selection ranked them, stories both sides covered first):
/// one headline for what happened, and the sides that covered it.</item>
/// <item>Each side: how that side framed its other stories, its headline attributed, saying whether the other side
/// covered the story too; as many bullets on every side. Stories every side covered in this digest are left to the
/// page's "How each side framed it", which sets the headlines side by side.</item>
/// </list>
/// Nothing is invented.
/// </summary>
public sealed class ExtractiveHighlighter : IHighlighter
{
    public const string Name = "extractive";
    public const int MaxBullets = 5;

    public Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Write(request));

    public static Highlights Write(HighlightRequest request)
    {
        var selection = request.Selection;
        var sides = request.Sides;
        var stories = selection.Selected(sides.Select(s => s.Side).ToList());

        // Stories on every side of the digest: the framings section shows each side's headline for them.
        var framed = stories.Where(s => sides.Count > 1 && sides.All(side => s.On(side.Side) is not null)).ToList();
        var oneSidedBySide = sides.Select(side => stories.Where(s => !framed.Contains(s) && s.On(side.Side) is not null).ToList()).ToList();
        var turns = Enumerable.Range(0, oneSidedBySide.Max(list => (int?)list.Count) ?? 0)
            .SelectMany(rank => oneSidedBySide.Where(list => rank < list.Count).Select(list => list[rank]));
        var top = framed.Concat(turns).Take(MaxBullets).ToList();
        var overall = top.Select(story => framed.Contains(story) ? OnEverySide(story) : OneSided(story)).ToList();

        var quoted = top.Select(Lead).Select(a => a.ArticleId).ToHashSet();
        var storyOf = stories.SelectMany(s => s.Picked.Select(a => (a.ArticleId, Story: s))).ToDictionary(x => x.ArticleId, x => x.Story);
        var remaining = sides.ToDictionary(side => side.Side, side => selection.PerSide.GetValueOrDefault(side.Side, [])
            .Where(article => !quoted.Contains(article.ArticleId) && !framed.Contains(storyOf[article.ArticleId]))
            .ToList());
        var bullets = Math.Min(MaxBullets, remaining.Values.Min(list => (int?)list.Count) ?? 0);
        var perSide = sides.ToDictionary(
            side => side.Side,
            side => (IReadOnlyList<Bullet>)remaining[side.Side].Take(bullets)
                .Select(article => new Bullet($"{Quote(article)}{OtherSides(storyOf[article.ArticleId], side)}.", article.StoryId)).ToList());
        return new Highlights(overall, perSide, Name);

        // The story's headline that comes first in the digest's sources stands for it.
        DigestCandidate Lead(SelectedStory story) => story.Picked.MinBy(selection.SourceNumber)!;

        Bullet OnEverySide(SelectedStory story) => new(
            $"{Quote(Lead(story))} — covered by {(sides.Count == 2 ? "both sides" : "every side")}: " +
            string.Join(", ", sides.Select(side => $"{side.Name} ({Cite(story.On(side.Side)!)})")) + ".", story.Picked[0].StoryId);

        Bullet OneSided(SelectedStory story)
        {
            var side = sides.First(s => story.On(s.Side) is not null);
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            return new Bullet(others.Count == 0
                ? $"{Quote(Lead(story))} — only {side.Name} outlets covered it."
                : $"{Quote(Lead(story))} — {side.Name} outlets; {Names(others)} outlets also covered it, in articles not in this digest.", story.Picked[0].StoryId);
        }

        string OtherSides(SelectedStory story, NamedSide side)
        {
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            return others.Count == 0
                ? $"; only {side.Name} outlets covered this"
                : $"; {Names(others)} outlets also covered it, in articles not in this digest";
        }

        string Cite(DigestCandidate article) => $"{article.Outlet}, source {selection.SourceNumber(article)}";

        string Quote(DigestCandidate article) => $"“{article.Headline}” ({Cite(article)})";
    }

    private static string Names(IEnumerable<NamedSide> sides) => string.Join(" and ", sides.Select(s => s.Name));
}
