namespace Aggregator.Stories;

/// <summary>One row of a labelled headline corpus: story, timestamp_ms, publisher, host, headline (tab-separated).</summary>
public sealed record CorpusRow(string Story, DateTimeOffset PublishedAt, string Publisher, string Host, string Headline);

/// <summary>Pairwise agreement of an assignment with the corpus labels: of all pairs put together, how many belong together.</summary>
public sealed record PairwiseScore(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public override string ToString() => $"precision {Precision:F3}, recall {Recall:F3}, F1 {F1:F3}";
}

/// <summary>Reads the corpus format and runs the story engine over it exactly as ingest runs it (one batch, no known stories).</summary>
public static class StoryCorpus
{
    private const string Header = "story\ttimestamp_ms\tpublisher\thost\theadline";

    public static IReadOnlyList<CorpusRow> Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.TrimEnd('\r') != Header) throw new FormatException($"line 1: expected the header \"{Header.Replace("\t", "\\t")}\"");
        var rows = new List<CorpusRow>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length != 5) throw new FormatException($"line {number}: expected 5 tab-separated columns, found {fields.Length}");
            if (!long.TryParse(fields[1], out var milliseconds)) throw new FormatException($"line {number}: timestamp_ms \"{fields[1]}\" is not a whole number");
            rows.Add(new CorpusRow(fields[0], DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), fields[2], fields[3], fields[4]));
        }
        return rows;
    }

    /// <summary>The story key of each row, in row order: "s1", "s2", … numbered by each story's first row.</summary>
    public static IReadOnlyList<string> Cluster(IReadOnlyList<CorpusRow> rows, StoryEngineSettings settings)
    {
        var plan = StoryEngine.Plan([], rows.Select((row, i) => new StoryHeadline(i, row.Headline, row.PublishedAt)).ToList(), settings);
        var storyOfRow = new int[rows.Count];
        for (var story = 0; story < plan.NewStories.Count; story++)
            foreach (var key in plan.NewStories[story]) storyOfRow[key] = story;
        var names = new Dictionary<int, string>();
        return storyOfRow.Select(story => names.TryGetValue(story, out var name) ? name : names[story] = $"s{names.Count + 1}").ToList();
    }

    public static PairwiseScore Score(IReadOnlyList<string> labels, IReadOnlyList<string> assigned)
    {
        static long Pairs(IEnumerable<int> groupSizes) => groupSizes.Sum(n => (long)n * (n - 1) / 2);
        var rows = Enumerable.Range(0, labels.Count).ToList();
        var together = Pairs(rows.GroupBy(i => assigned[i]).Select(g => g.Count()));
        var truePairs = Pairs(rows.GroupBy(i => labels[i]).Select(g => g.Count()));
        var correct = Pairs(rows.GroupBy(i => (labels[i], assigned[i])).Select(g => g.Count()));
        return new PairwiseScore(together == 0 ? 1 : (double)correct / together, truePairs == 0 ? 1 : (double)correct / truePairs);
    }
}
