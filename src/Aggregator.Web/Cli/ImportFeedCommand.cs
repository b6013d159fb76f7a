using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Cli;

public sealed class ImportFeedCommand(FeedFileImporter importer, AppDbContext db, StoryStore stories) : CliCommand
{
    public override string Name => "import-feed";
    public override string Usage => "import-feed --topic <slug> <file.xml>";
    public override string Summary => "ingest a saved RSS/Atom file exactly as a fetched feed";
    public override IReadOnlyCollection<string> Options => ["topic"];
    public override int MaxPositionals => 1;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var topic = arguments.Required("topic");
        var path = arguments.RequiredPositional(0, "<file.xml>");
        if (!File.Exists(path)) throw new CliUsageException($"no file '{path}' (looked for {Path.GetFullPath(path)})");
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(topic, path, cancellationToken);
        }
        catch (TopicNotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }
        if (result.Run.Outcome == FetchOutcome.Failed)
            throw new CliFailureException($"{path}: {result.Run.ErrorKind}: {result.Run.Error}");
        await output.WriteLineAsync($"{path}: {result.Run.ItemsSeen} items, {result.Run.ItemsNew} new, {result.Run.ItemsDuplicate} already stored"
            + (result.Run.ItemsSkipped > 0 ? $", {result.Run.ItemsSkipped} skipped (a link or id too long to store)" : "")
            + (result.Run.ItemsOutletPages > 0 ? $", {result.Run.ItemsOutletPages} of them an outlet's own pages, not articles (kept out of stories and digests)." : "."));
        if (result.OutletsAwaitingReview.Count > 0)
            await output.WriteLineAsync($"Outlets awaiting review at /admin/review (provisional sides count in digests until then): {string.Join(", ", result.OutletsAwaitingReview)}");
        // No job server runs beside a verb: the new articles are placed in stories before it ends.
        var topicId = await db.Topics.Where(t => t.Slug == topic).Select(t => t.Id).SingleAsync(cancellationToken);
        var placed = await stories.PlaceUnplacedAsync(topicId, cancellationToken);
        if (placed > 0) await output.WriteLineAsync($"{placed} {(placed == 1 ? "article" : "articles")} placed in stories.");
        return CliRunner.Success;
    }
}
