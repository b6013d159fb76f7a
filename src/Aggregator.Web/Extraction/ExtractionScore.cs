using System.Text.RegularExpressions;

namespace Aggregator.Extraction;

/// <summary>Precision, recall and F1 of extracted article text against the text a person marked.</summary>
public sealed record ExtractionScore(double Precision, double Recall, int Pages)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => $"F1 {F1:F3}, precision {Precision:F3}, recall {Recall:F3} ({Pages} pages)";
}

/// <summary>
/// The article-extraction benchmark's score (github.com/scrapinghub/article-extraction-benchmark), implemented from its
/// definition: each text is the multiset of its 4-token shingles (tokens are runs of word characters; a text of fewer
/// than 4 tokens is one shingle); per page, true positives are the shingles both share, counted with multiplicity;
/// precision and recall are averaged over pages, and F1 is computed from the two averages.
/// </summary>
public static partial class ExtractionScoring
{
    private const int ShingleLength = 4;

    /// <summary>One page's precision and recall.</summary>
    public static (double Precision, double Recall) Page(string expected, string predicted)
    {
        var truth = Shingles(expected);
        var guess = Shingles(predicted);
        var shared = 0;
        foreach (var (shingle, count) in guess)
            if (truth.TryGetValue(shingle, out var inTruth)) shared += Math.Min(count, inTruth);
        var (truePositives, falsePositives, falseNegatives) = (shared, guess.Values.Sum() - shared, truth.Values.Sum() - shared);
        var precision = falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        var recall = falseNegatives == 0 ? 1 : (double)truePositives / (truePositives + falseNegatives);
        return (precision, recall);
    }

    /// <summary>The score over pages: per-page figures averaged, each page weighing the same.</summary>
    public static ExtractionScore Score(IEnumerable<(string Expected, string Predicted)> pages)
    {
        var scored = pages.Select(p => Page(p.Expected, p.Predicted)).ToList();
        return scored.Count == 0
            ? new ExtractionScore(0, 0, 0)
            : new ExtractionScore(scored.Average(s => s.Precision), scored.Average(s => s.Recall), scored.Count);
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Word().Matches(text).Select(m => m.Value).ToArray();
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Length < ShingleLength)
        {
            shingles[string.Join(' ', tokens)] = 1;
            return shingles;
        }
        for (var i = 0; i + ShingleLength <= tokens.Length; i++)
        {
            var shingle = string.Join(' ', tokens, i, ShingleLength);
            shingles[shingle] = shingles.GetValueOrDefault(shingle) + 1;
        }
        return shingles;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
