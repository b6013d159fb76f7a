using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// Offline, deterministic highlights built only from the digest's own articles, each pointing to its number in the
/// source list. Overall: a story both sides covered shows the two framings together (each side's headline and
/// outlet); one-sided stories are labelled as such. Per side: the same number of bullets on every side, the side's
/// articles in the order the selection ranked their stories, each saying whether the other side covered the story.
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
        var sideValues = sides.Select(s => s.Side).ToList();
        var stories = selection.Selected(sideValues);

        var paired = stories.Where(s => s.Picked.Count == sides.Count && sides.Count > 1).ToList();
        var oneSidedBySide = sides.Select(side => stories.Where(s => !paired.Contains(s) && s.On(side.Side) is not null).ToList()).ToList();
        var turns = Enumerable.Range(0, oneSidedBySide.Max(list => (int?)list.Count) ?? 0)
            .SelectMany(rank => oneSidedBySide.Where(list => rank < list.Count).Select(list => list[rank]));
        var overall = paired.Select(Pair).Concat(turns.Select(OneSided)).Take(MaxBullets).ToList();

        var bullets = Math.Min(MaxBullets, sides.Min(side => (int?)selection.PerSide.GetValueOrDefault(side.Side, []).Count) ?? 0);
        var storyOf = stories.SelectMany(s => s.Picked.Select(a => (a.ArticleId, Story: s))).ToDictionary(x => x.ArticleId, x => x.Story);
        var perSide = sides.ToDictionary(
            side => side.Side,
            side => (IReadOnlyList<Bullet>)selection.PerSide.GetValueOrDefault(side.Side, []).Take(bullets)
                .Select(article => new Bullet($"{Quote(article)}{OtherSides(storyOf[article.ArticleId], side)}.", article.StoryId)).ToList());
        return new Highlights(overall, perSide, Name);

        Bullet Pair(SelectedStory story) => new(
            $"{(sides.Count == 2 ? "Both sides" : "All sides")}: " +
            string.Join("; ", sides.Select(side => $"{side.Name} — {Quote(story.On(side.Side)!)}")) + ".", story.Picked[0].StoryId);

        Bullet OneSided(SelectedStory story)
        {
            var side = sides.First(s => story.On(s.Side) is not null);
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            return new Bullet(others.Count == 0
                ? $"Only {side.Name} outlets: {Quote(story.On(side.Side)!)}."
                : $"{side.Name} — {Quote(story.On(side.Side)!)}; {Names(others)} outlets also covered it, in articles not in this digest.", story.Picked[0].StoryId);
        }

        string OtherSides(SelectedStory story, NamedSide side)
        {
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            if (others.Count == 0) return $"; only {side.Name} outlets covered this";
            var inDigest = others.Where(s => story.On(s.Side) is not null).Select(s => $"source {selection.SourceNumber(story.On(s.Side)!)}").ToList();
            return $"; {Names(others)} outlets covered it too" + (inDigest.Count > 0 ? $" ({string.Join(", ", inDigest)})" : "");
        }

        string Quote(DigestCandidate article) => $"“{article.Headline}” ({article.Outlet}, source {selection.SourceNumber(article)})";
    }

    private static string Names(IEnumerable<NamedSide> sides) => string.Join(" and ", sides.Select(s => s.Name));
}
