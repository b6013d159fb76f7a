using Aggregator.Stories;

namespace Aggregator.Cli;

public sealed class ClusterStoriesCommand : CliCommand
{
    public override string Name => "cluster-stories";
    public override string Usage => "cluster-stories [--score] <file.tsv>";
    public override string Summary =>
        "print the story the engine assigns to each corpus row (--score: also pairwise, B-cubed and same-day cross-side precision/recall/F1 on stderr)";
    public override IReadOnlyCollection<string> Flags => ["score"];
    public override int MaxPositionals => 1;
    public override bool MigratesFirst => false;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredPositional(0, "<file.tsv>");
        if (!File.Exists(path)) throw new CliUsageException($"no file '{path}' (looked for {Path.GetFullPath(path)})");
        IReadOnlyList<CorpusRow> rows;
        using (var reader = File.OpenText(path))
        {
            try { rows = StoryCorpus.Read(reader); }
            catch (FormatException e) { throw new CliFailureException($"{path}: {e.Message}"); }
        }
        var assigned = StoryCorpus.Cluster(rows, StoryCorpus.Embed(rows, MiniLmEmbedder.Shared, cancellationToken), StoryEngineSettings.Default);
        foreach (var story in assigned) await output.WriteLineAsync(story);
        if (arguments.Flag("score"))
        {
            var score = StoryCorpus.Score(rows, assigned);
            await Console.Error.WriteLineAsync($"{rows.Count} headlines, {assigned.Distinct().Count()} stories");
            await Console.Error.WriteLineAsync($"pairwise:             {score.Pairwise}");
            await Console.Error.WriteLineAsync($"B-cubed:              {score.BCubed}");
            await Console.Error.WriteLineAsync(score.CrossLabelled + score.CrossPredicted == 0
                ? "same-day cross-side: no us/china pairs (the file has no side column, or one side only)"
                : $"same-day cross-side:  {score.CrossSide} ({score.CrossCorrect} of {score.CrossPredicted} pairs are one story; {score.CrossLabelled} labelled)");
        }
        return CliRunner.Success;
    }
}
