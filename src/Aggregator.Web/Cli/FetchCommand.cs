using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Cli;

public sealed class FetchCommand(TopicRefresher refresher, AppDbContext db, StoryStore stories) : CliCommand
{
    public override string Name => "fetch";
    public override string Usage => "fetch --topic <slug>";
    public override string Summary => "fetch every feed of a topic now, due or not";
    public override IReadOnlyCollection<string> Options => ["topic"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var topic = arguments.Required("topic");
        IReadOnlyList<FeedRefreshSummary> summaries;
        try
        {
            summaries = await refresher.RefreshAsync(topic, FetchTriggers.Cli, onlyDue: false, cancellationToken);
        }
        catch (TopicNotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }
        foreach (var feed in summaries)
        {
            await output.WriteLineAsync(feed.Outcome == FetchOutcome.Failed
                ? $"{feed.Feed}: failed ({feed.ErrorKind}): {feed.Error}"
                : $"{feed.Feed}: {feed.Outcome}, {feed.New} new, {feed.Duplicate} already stored");
        }
        var failed = summaries.Count(s => s.Outcome == FetchOutcome.Failed);
        await output.WriteLineAsync($"{summaries.Count} feeds fetched, {failed} failed.");
        // No job server runs beside a verb: the new articles are placed in stories before it ends.
        var topicId = await db.Topics.Where(t => t.Slug == topic).Select(t => t.Id).SingleAsync(cancellationToken);
        var placed = await stories.PlaceUnplacedAsync(topicId, cancellationToken);
        if (placed > 0) await output.WriteLineAsync($"{placed} {(placed == 1 ? "article" : "articles")} placed in stories.");
        // Partial failure is reported, not fatal: the other feeds' articles are stored.
        return failed == summaries.Count && failed > 0 ? CliRunner.Failure : CliRunner.Success;
    }
}
