using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Replay;

namespace Aggregator.Cli;

public sealed class ReplayCommand(DayByDayReplay replay) : CliCommand
{
    public override string Name => "replay";
    public override string Usage => "replay --topic <slug> <directory of saved feeds>";
    public override string Summary => "import saved feeds day by day, building each day's digest as the scheduled job would";
    public override IReadOnlyCollection<string> Options => ["topic"];
    public override int MaxPositionals => 1;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var topic = arguments.Required("topic");
        var directory = arguments.RequiredPositional(0, "<directory>");
        if (!Directory.Exists(directory)) throw new CliUsageException($"no directory '{directory}' (looked for {Path.GetFullPath(directory)})");
        IReadOnlyList<ReplayedFeed> replayed;
        try
        {
            replayed = await replay.ReplayAsync(topic, directory, cancellationToken);
        }
        catch (TopicNotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }
        if (replayed.Count == 0) throw new CliUsageException($"'{directory}' holds no .xml feed");
        foreach (var feed in replayed)
        {
            var run = feed.Run;
            await output.WriteLineAsync(run.Outcome == FetchOutcome.Failed
                ? $"{Path.GetFileName(feed.Path)}: failed: {run.ErrorKind}: {run.Error}"
                : $"{Path.GetFileName(feed.Path)}: {run.ItemsSeen} items, {run.ItemsNew} new, {run.ItemsDuplicate} already stored");
            foreach (var digest in feed.Digests) await output.WriteLineAsync($"  {digest.Date:yyyy-MM-dd}: {digest.Message}");
        }
        var digests = replayed.SelectMany(f => f.Digests).ToList();
        var failed = replayed.Count(f => f.Run.Outcome == FetchOutcome.Failed);
        await output.WriteLineAsync($"Replayed {replayed.Count} feeds ({failed} failed); {digests.Count(d => d.Published)} digests published, "
            + $"{digests.Count(d => d.Outcome == PublishOutcome.Empty)} days without articles.");
        return failed == 0 ? CliRunner.Success : CliRunner.Failure;
    }
}
