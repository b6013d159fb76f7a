using Aggregator.Stories;
using Aggregator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Aggregator.Tests.Stories;

/// <summary>The story engine measured on 5,853 real headlines labelled with their story (UCI News Aggregator, 75 stories).</summary>
public sealed class StoryCorpusTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<CorpusRow> Corpus = ReadCorpus();

    private static IReadOnlyList<CorpusRow> ReadCorpus()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpora", "uci-news-stories.tsv"));
        return StoryCorpus.Read(reader);
    }

    [Fact]
    public void The_engine_groups_the_labelled_corpus_with_precision_090_and_F1_080()
    {
        var assigned = StoryCorpus.Cluster(Corpus, StoryEngineSettings.Default);

        var score = StoryCorpus.Score(Corpus.Select(r => r.Story).ToList(), assigned);
        output.WriteLine($"story engine on the corpus: {Corpus.Count} headlines, {Corpus.Select(r => r.Story).Distinct().Count()} labelled stories, {assigned.Distinct().Count()} assigned: {score}");
        Assert.True(score.Precision >= 0.90, $"precision {score.Precision:F3} < 0.90");
        Assert.True(score.F1 >= 0.80, $"F1 {score.F1:F3} < 0.80");
    }

    /// <summary>Each third of the stories is a corpus of its own, with other neighbours in time: figures that hold on all three were not tuned to rows.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_engine_holds_its_figures_on_each_third_of_the_stories(int third)
    {
        var stories = Corpus.Select(r => r.Story).Distinct().Order(StringComparer.Ordinal).ToList();
        var chosen = stories.Where((_, i) => i % 3 == third).ToHashSet();
        var rows = Corpus.Where(r => chosen.Contains(r.Story)).ToList();

        var score = StoryCorpus.Score(rows.Select(r => r.Story).ToList(), StoryCorpus.Cluster(rows, StoryEngineSettings.Default));

        output.WriteLine($"third {third}: {rows.Count} headlines, {chosen.Count} stories: {score}");
        Assert.True(score.Precision >= 0.90, $"precision {score.Precision:F3} < 0.90");
        Assert.True(score.F1 >= 0.80, $"F1 {score.F1:F3} < 0.80");
    }

    [Fact]
    public void The_old_shared_terms_clustering_would_fail_the_same_bar()
    {
        // Single link over "shares a content term" (what the first clusterer did): the chaining this engine avoids.
        var rows = Corpus;
        var terms = rows.Select(r => HeadlineTerms.Of(r.Headline).ToHashSet()).ToList();
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var byTerm = new Dictionary<string, int>();
        for (var i = 0; i < rows.Count; i++)
            foreach (var term in terms[i])
                if (byTerm.TryGetValue(term, out var j)) parent[Find(i)] = Find(j);
                else byTerm[term] = i;

        var score = StoryCorpus.Score(rows.Select(r => r.Story).ToList(), Enumerable.Range(0, rows.Count).Select(i => Find(i).ToString()).ToList());

        output.WriteLine($"single link on shared terms: {score}");
        Assert.True(score.Precision < 0.5);
    }

    [Fact]
    public async Task The_cluster_stories_verb_prints_the_engines_story_for_each_row_in_order_with_no_database()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpora", "uci-news-stories.tsv");

        var result = await CliHarness.RunProcessAsync("", "cluster-stories", "--score", path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(StoryCorpus.Cluster(Corpus, StoryEngineSettings.Default), result.Output.TrimEnd('\n').Split('\n'));
        Assert.Contains($"{Corpus.Count} headlines, ", result.Error);
        Assert.Matches(@"precision 0\.9\d\d, recall 0\.\d+, F1 0\.[89]\d\d", result.Error);
    }

    [Fact]
    public async Task The_cluster_stories_verb_names_the_line_of_a_malformed_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(path, "story\ttimestamp_ms\tpublisher\thost\theadline\na\t1394483903116\tKSDK\twww.ksdk.com\tOne\nb\tyesterday\tX\tx.com\tTwo\n");
        try
        {
            var result = await CliHarness.RunProcessAsync("", "cluster-stories", path);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("line 3: timestamp_ms \"yesterday\" is not a whole number", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Scoring_counts_pairs_put_together_against_pairs_that_belong_together()
    {
        // Labels: a a a b; assigned: x x y y → pairs together: (0,1), (2,3); correct: (0,1); true pairs: 3.
        var score = StoryCorpus.Score(["a", "a", "a", "b"], ["x", "x", "y", "y"]);

        Assert.Equal(0.5, score.Precision);
        Assert.Equal(1.0 / 3, score.Recall, 10);
    }
}
