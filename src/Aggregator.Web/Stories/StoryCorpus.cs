using Aggregator.Model;

namespace Aggregator.Stories;

/// <summary>
/// One row of a labelled headline corpus: story, timestamp_ms, publisher, host, headline and, optionally, side
/// (tab-separated). The story label <c>furniture</c> marks an item that is no article (a home page Google indexed):
/// each such row is a story of its own when scoring.
/// </summary>
public sealed record CorpusRow(string Story, DateTimeOffset PublishedAt, string Publisher, string Host, string Headline, Side Side = Side.Unclassified);

/// <summary>Precision, recall and F1 of one measure.</summary>
public sealed record Agreement(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public override string ToString() => $"precision {Precision:F3}, recall {Recall:F3}, F1 {F1:F3}";
}

/// <summary>
/// How an assignment agrees with the labels, three ways: over pairs of headlines; per headline (B-cubed); and over the
/// pairs readers are shown, one United States and one China headline of the same digest day (the 24 hours ending
/// 04:00 UTC), with their counts: predicted together, labelled together, both.
/// </summary>
public sealed record CorpusScore(Agreement Pairwise, Agreement BCubed, Agreement CrossSide, long CrossPredicted, long CrossLabelled, long CrossCorrect)
{
    public override string ToString() =>
        $"pairwise {Pairwise}; B-cubed {BCubed}; same-day cross-side {CrossSide} ({CrossCorrect} of {CrossPredicted} pairs shown are one story; {CrossLabelled} labelled)";
}

/// <summary>Reads the corpus format and runs the story engine over it exactly as placement runs it (one batch, no known stories).</summary>
public static class StoryCorpus
{
    private const string Header = "story\ttimestamp_ms\tpublisher\thost\theadline";
    private const string Furniture = "furniture";

    public static IReadOnlyList<CorpusRow> Read(TextReader reader)
    {
        var header = reader.ReadLine()?.TrimEnd('\r');
        if (header != Header && header != Header + "\tside")
            throw new FormatException($"line 1: expected the header \"{Header.Replace("\t", "\\t")}\" (and optionally \"\\tside\")");
        var columns = header.Split('\t').Length;
        var rows = new List<CorpusRow>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length != columns) throw new FormatException($"line {number}: expected {columns} tab-separated columns, found {fields.Length}");
            if (!long.TryParse(fields[1], out var milliseconds)) throw new FormatException($"line {number}: timestamp_ms \"{fields[1]}\" is not a whole number");
            var side = Side.Unclassified;
            if (columns == 6 && !SideCodes.TryParse(fields[5], out side)) throw new FormatException($"line {number}: side \"{fields[5]}\" is not us, china, neutral or unclassified");
            rows.Add(new CorpusRow(fields[0], DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), fields[2], fields[3], fields[4], side));
        }
        return rows;
    }

    /// <summary>The story key of each row, in row order: "s1", "s2", … numbered by each story's first row.</summary>
    public static IReadOnlyList<string> Cluster(IReadOnlyList<CorpusRow> rows, IReadOnlyList<float[]> embeddings, StoryEngineSettings settings)
    {
        var plan = StoryEngine.Plan([], rows.Select((row, i) => new StoryHeadline(i, row.Headline, row.PublishedAt, row.Side, embeddings[i])).ToList(), settings);
        var storyOfRow = new int[rows.Count];
        for (var story = 0; story < plan.NewStories.Count; story++)
            foreach (var key in plan.NewStories[story]) storyOfRow[key] = story;
        var names = new Dictionary<int, string>();
        return storyOfRow.Select(story => names.TryGetValue(story, out var name) ? name : names[story] = $"s{names.Count + 1}").ToList();
    }

    public static IReadOnlyList<float[]> Embed(IReadOnlyList<CorpusRow> rows, IHeadlineEmbedder embedder, CancellationToken cancellationToken = default) =>
        embedder.Embed(rows.Select(r => r.Headline).ToList(), cancellationToken);

    public static CorpusScore Score(IReadOnlyList<CorpusRow> rows, IReadOnlyList<string> assigned)
    {
        var labels = rows.Select((row, i) => row.Story == Furniture ? $"{Furniture}#{i}" : row.Story).ToList();
        var indices = Enumerable.Range(0, rows.Count).ToList();

        static long Pairs(IEnumerable<int> groupSizes) => groupSizes.Sum(n => (long)n * (n - 1) / 2);
        var together = Pairs(indices.GroupBy(i => assigned[i]).Select(g => g.Count()));
        var truePairs = Pairs(indices.GroupBy(i => labels[i]).Select(g => g.Count()));
        var correct = Pairs(indices.GroupBy(i => (labels[i], assigned[i])).Select(g => g.Count()));
        var pairwise = new Agreement(together == 0 ? 1 : (double)correct / together, truePairs == 0 ? 1 : (double)correct / truePairs);

        var predictedSize = indices.GroupBy(i => assigned[i]).ToDictionary(g => g.Key, g => g.Count());
        var labelledSize = indices.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.Count());
        var bothSize = indices.GroupBy(i => (labels[i], assigned[i])).ToDictionary(g => g.Key, g => g.Count());
        var bCubed = rows.Count == 0 ? new Agreement(1, 1) : new Agreement(
            indices.Average(i => (double)bothSize[(labels[i], assigned[i])] / predictedSize[assigned[i]]),
            indices.Average(i => (double)bothSize[(labels[i], assigned[i])] / labelledSize[labels[i]]));

        // Same-day cross-side pairs, counted per digest day from the two sides' groups (never all pairs of the corpus).
        long crossPredicted = 0, crossLabelled = 0, crossCorrect = 0;
        foreach (var day in indices.Where(i => rows[i].Side is Side.Us or Side.China).GroupBy(i => DigestDayOf(rows[i].PublishedAt)))
        {
            var us = day.Where(i => rows[i].Side == Side.Us).ToList();
            var china = day.Where(i => rows[i].Side == Side.China).ToList();
            long CrossPairs<TKey>(Func<int, TKey> key) where TKey : notnull
            {
                var chinaCounts = china.GroupBy(key).ToDictionary(g => g.Key, g => (long)g.Count());
                return us.Sum(i => chinaCounts.GetValueOrDefault(key(i)));
            }
            crossPredicted += CrossPairs(i => assigned[i]);
            crossLabelled += CrossPairs(i => labels[i]);
            crossCorrect += CrossPairs(i => (labels[i], assigned[i]));
        }
        var crossSide = new Agreement(crossPredicted == 0 ? 1 : (double)crossCorrect / crossPredicted, crossLabelled == 0 ? 1 : (double)crossCorrect / crossLabelled);
        return new CorpusScore(pairwise, bCubed, crossSide, crossPredicted, crossLabelled, crossCorrect);
    }

    /// <summary>The digest day a time falls in: the 24 hours ending 04:00 UTC on that day (the default digest hour).</summary>
    public static DateOnly DigestDayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime.AddHours(20));
}
