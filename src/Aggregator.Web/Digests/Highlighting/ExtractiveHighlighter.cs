using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// Offline, deterministic highlights built only from the digest's own articles, each pointing to its number in the
/// source list. Each section says what the others do not, and no headline is quoted in two of them:
/// <list type="bullet">
/// <item>Overall: one line per top story (in the order the selection ranked them, stories both sides covered first):
/// what happened, and the sides that covered it. What happened is the story's most representative lead sentence
/// (<see cref="LeadSentences.Central"/>) where its articles' texts were read, else its first headline.</item>
/// <item>Each side: how that side framed its other stories, its lead sentence or headline attributed, saying whether
/// the other side covered the story too; as many bullets on every side. Stories every side covered in this digest are
/// left to the page's "How each side framed it", which sets the headlines and leads side by side.</item>
/// </list>
/// No article and no sentence is quoted twice. Nothing is invented.
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
        var representatives = top.ToDictionary(story => story, Representative);
        var overall = top.Select(story => framed.Contains(story) ? OnEverySide(story) : OneSided(story)).ToList();

        var quoted = representatives.Values.Select(r => r.Article.ArticleId).ToHashSet();
        var quotedText = representatives.Values.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        var storyOf = stories.SelectMany(s => s.Picked.Select(a => (a.ArticleId, Story: s))).ToDictionary(x => x.ArticleId, x => x.Story);
        var remaining = sides.ToDictionary(side => side.Side, side => selection.PerSide.GetValueOrDefault(side.Side, [])
            .Where(article => !quoted.Contains(article.ArticleId) && !framed.Contains(storyOf[article.ArticleId]))
            .ToList());
        var chosen = TakeInTurns(remaining, quotedText);
        var perSide = sides.ToDictionary(
            side => side.Side,
            side => (IReadOnlyList<Bullet>)chosen[side.Side]
                .Select(article => new Bullet($"{Quote(article, Said(article))}{OtherSides(storyOf[article.ArticleId], side)}.", article.StoryId)).ToList());
        return new Highlights(overall, perSide, Name);

        // One bullet per side per turn, as many on every side: a side with nothing new left ends the lists. Wire copy can
        // give two articles one lead, so a sentence already quoted is passed over.
        Dictionary<Side, List<DigestCandidate>> TakeInTurns(Dictionary<Side, List<DigestCandidate>> lists, HashSet<string> said)
        {
            var next = lists.Keys.ToDictionary(side => side, _ => 0);
            var taken = lists.Keys.ToDictionary(side => side, _ => new List<DigestCandidate>());
            for (var turn = 0; turn < MaxBullets && lists.Count > 0; turn++)
            {
                var round = new List<(Side Side, DigestCandidate Article)>();
                var roundSaid = new HashSet<string>(said, StringComparer.Ordinal);
                foreach (var (side, list) in lists)
                {
                    while (next[side] < list.Count && !roundSaid.Add(Said(list[next[side]]))) next[side]++;
                    if (next[side] == list.Count) return taken;
                    round.Add((side, list[next[side]++]));
                }
                foreach (var (side, article) in round)
                {
                    taken[side].Add(article);
                    said.Add(Said(article));
                }
            }
            return taken;
        }

        // What an article says: its lead's first sentence where its text was read, else its headline.
        string Said(DigestCandidate article) => request.LeadSentenceOf(article) ?? article.Headline;

        // The story's most central lead sentence stands for it; without texts, the headline first in the digest's sources.
        (DigestCandidate Article, string Text) Representative(SelectedStory story)
        {
            var bySource = story.Picked.OrderBy(selection.SourceNumber).ToList();
            return LeadSentences.Central(bySource.Select(a => (a, request.LeadSentenceOf(a))).ToList()) is { } central
                ? central
                : (bySource[0], bySource[0].Headline);
        }

        string QuoteOf(SelectedStory story) => Quote(representatives[story].Article, representatives[story].Text);

        Bullet OnEverySide(SelectedStory story) => new(
            $"{QuoteOf(story)} — covered by {(sides.Count == 2 ? "both sides" : "every side")}: " +
            string.Join(", ", sides.Select(side => $"{side.Name} ({Cite(story.On(side.Side)!)})")) + ".", story.Picked[0].StoryId);

        Bullet OneSided(SelectedStory story)
        {
            var side = sides.First(s => story.On(s.Side) is not null);
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            return new Bullet(others.Count == 0
                ? $"{QuoteOf(story)} — only {side.Name} outlets covered it."
                : $"{QuoteOf(story)} — {side.Name} outlets; {Names(others)} outlets also covered it, in articles not in this digest.", story.Picked[0].StoryId);
        }

        string OtherSides(SelectedStory story, NamedSide side)
        {
            var others = sides.Where(s => s != side && story.Story.CountOn(s.Side) > 0).ToList();
            return others.Count == 0
                ? $"; only {side.Name} outlets covered this"
                : $"; {Names(others)} outlets also covered it, in articles not in this digest";
        }

        string Cite(DigestCandidate article) => $"{article.Outlet}, source {selection.SourceNumber(article)}";

        string Quote(DigestCandidate article, string text) => $"“{text}” ({Cite(article)})";
    }

    private static string Names(IEnumerable<NamedSide> sides) => string.Join(" and ", sides.Select(s => s.Name));
}
