namespace Aggregator.Digests;

/// <summary>A headline to group into stories.</summary>
public sealed record StoryHeadline(long ArticleId, string Headline);

/// <summary>
/// Groups headlines into stories by shared key terms: two headlines are one story when they share at least
/// <see cref="MinSharedTerms"/> key terms and those make up at least <see cref="MinOverlap"/> of the shorter one's
/// terms. Clusters are connected components of that relation. Deterministic: same input, same clusters.
/// </summary>
public static class StoryClusterer
{
    public const int MinSharedTerms = 2;
    public const double MinOverlap = 0.34;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "is", "are", "was",
        "were", "be", "been", "its", "it", "this", "that", "these", "those", "into", "over", "after", "before", "about", "amid",
        "says", "say", "said", "new", "will", "would", "could", "can", "may", "has", "have", "had", "not", "no", "more", "than",
        "what", "why", "how", "who", "when", "where", "up", "out", "s", "us", "u", "china", "chinese", "american", "america",
        "news", "my", "take", "vs", "his", "her", "their", "our", "we", "you", "they", "he", "she", "him", "them", "all", "any",
        "far", "set", "like", "just", "still", "also", "even", "two", "one", "first", "world", "world’s",
    };

    /// <summary>The key terms of a headline: lower-case words without stop words, plural "s" folded.</summary>
    public static IReadOnlySet<string> KeyTerms(string headline)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Aggregator.Ingestion.ArticleKeys.NormalizeTitle(headline).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length < 3 || StopWords.Contains(word)) continue;
            terms.Add(word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word);
        }
        return terms;
    }

    /// <summary>Story clusters, each a list of article ids in input order; clusters ordered by their first member.</summary>
    public static IReadOnlyList<IReadOnlyList<long>> Cluster(IReadOnlyList<StoryHeadline> headlines)
    {
        var terms = headlines.Select(h => KeyTerms(h.Headline)).ToList();
        var parent = Enumerable.Range(0, headlines.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < headlines.Count; i++)
        for (var j = i + 1; j < headlines.Count; j++)
        {
            if (!SameStory(terms[i], terms[j])) continue;
            var (a, b) = (Find(i), Find(j));
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        return Enumerable.Range(0, headlines.Count)
            .GroupBy(Find)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<long>)g.Select(i => headlines[i].ArticleId).ToList())
            .ToList();
    }

    private static bool SameStory(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return false;
        var shared = a.Count(b.Contains);
        return shared >= MinSharedTerms && shared >= MinOverlap * Math.Min(a.Count, b.Count);
    }
}
