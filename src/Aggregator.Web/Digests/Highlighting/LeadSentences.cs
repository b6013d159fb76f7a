using System.Text.RegularExpressions;
using Aggregator.Stories;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// The sentences highlights quote from articles' leads: a lead's first sentence (what happened, as news writing puts
/// it first), and of a story's articles the one whose sentence is most central: nearest, by shared terms, to what the
/// story's other articles say.
/// </summary>
public static partial class LeadSentences
{
    /// <summary>A quoted sentence is cut here, at a word, with an ellipsis.</summary>
    public const int MaxLength = 320;

    /// <summary>A first sentence shorter than this ("Short one.") is taken with the next.</summary>
    public const int MinLength = 25;

    /// <summary>The lead's first sentence; with the next one too when the first is too short to say anything.</summary>
    public static string? First(string lead)
    {
        var text = Regex.Replace(lead, @"\s+", " ").Trim();
        if (text.Length == 0) return null;
        var ends = SentenceEnd().Matches(text).Select(m => m.Index + 1).ToList();
        var end = ends.FirstOrDefault(e => e >= MinLength, text.Length);
        var sentence = text[..end].Trim();
        if (sentence.Length <= MaxLength) return sentence;
        var cut = sentence.LastIndexOf(' ', MaxLength - 1);
        return sentence[..(cut > MaxLength / 2 ? cut : MaxLength - 1)].TrimEnd(',', ';', ':') + "…";
    }

    /// <summary>
    /// Of <paramref name="articles"/> with a sentence, the most central: the highest average term cosine to the other
    /// articles' sentences and headlines (ties: the first given). With one, that one; with none, null.
    /// </summary>
    public static (DigestCandidate Article, string Sentence)? Central(IReadOnlyList<(DigestCandidate Article, string? Sentence)> articles)
    {
        var withSentence = articles.Where(a => a.Sentence is not null).Select(a => (a.Article, Sentence: a.Sentence!)).ToList();
        if (withSentence.Count <= 1) return withSentence.Count == 1 ? withSentence[0] : null;
        var vectors = articles.Select(a => Vector($"{a.Article.Headline} {a.Sentence}")).ToList();
        (DigestCandidate, string)? best = null;
        var bestScore = double.MinValue;
        foreach (var (article, sentence) in withSentence)
        {
            var own = Vector(sentence);
            var score = articles.Select((other, i) => (other, i)).Where(x => x.other.Article != article).Average(x => Cosine(own, vectors[x.i]));
            if (score > bestScore) (best, bestScore) = ((article, sentence), score);
        }
        return best;
    }

    private static Dictionary<string, int> Vector(string text) =>
        HeadlineTerms.Of(text).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

    private static double Cosine(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        double dot = a.Sum(x => b.TryGetValue(x.Key, out var y) ? x.Value * y : 0);
        return dot / Math.Sqrt(a.Values.Sum(x => x * x) * (double)b.Values.Sum(x => x * x));
    }

    /// <summary>A full stop, question or exclamation mark that ends a sentence: followed by a space and a capital, digit or quote.</summary>
    [GeneratedRegex(@"(?<![A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K))[.!?](?=[”’""']?\s+[\p{Lu}\d“‘""'])")]
    private static partial Regex SentenceEnd();
}
