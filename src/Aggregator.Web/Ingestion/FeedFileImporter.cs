using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Ingestion;

public sealed record ImportResult(FetchRun Run, IReadOnlyList<string> UnclassifiedOutlets);

/// <summary>Ingests a saved feed file exactly as a fetched one (same parser, classifier and store), recorded as a fetch run.</summary>
public sealed class FeedFileImporter(AppDbContext db, FeedIngestor ingestor, TimeProvider clock, ILogger<FeedFileImporter> logger)
{
    public async Task<ImportResult> ImportAsync(string topicSlug, string path, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Slug == topicSlug, cancellationToken) ?? throw new TopicNotFoundException(topicSlug);
        var fullPath = Path.GetFullPath(path);
        var run = new FetchRun
        {
            TopicId = topic.Id,
            StartedAt = clock.GetUtcNow(),
            Outcome = FetchOutcome.Running,
            Trigger = FetchTriggers.Import,
            Source = fullPath,
            Instance = Environment.MachineName,
        };
        IReadOnlyList<string> unclassified = [];
        var parsed = FeedParser.Parse(await File.ReadAllBytesAsync(fullPath, cancellationToken));
        run.BytesRead = new FileInfo(fullPath).Length;
        if (parsed.Error is { } error)
        {
            run.Outcome = FetchOutcome.Failed;
            run.ErrorKind = error.Code;
            run.Error = error.Message;
        }
        else
        {
            var result = await ingestor.IngestAsync(topic.Id, parsed.Feed!, parsed.Feed!.Language ?? "en-US", cancellationToken);
            run.Outcome = FetchOutcome.Succeeded;
            run.ItemsSeen = result.Seen;
            run.ItemsNew = result.New;
            run.ItemsDuplicate = result.Duplicate;
            unclassified = result.UnclassifiedOutlets;
        }
        run.FinishedAt = clock.GetUtcNow();
        db.FetchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Imported {Path} into {Topic}: {Outcome}, {ItemsSeen} seen, {ItemsNew} new, {ItemsDuplicate} duplicate",
            fullPath, topic.Slug, run.Outcome, run.ItemsSeen, run.ItemsNew, run.ItemsDuplicate);
        return new ImportResult(run, unclassified);
    }
}
