using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Ingestion;

public sealed record ImportResult(FetchRun Run, IReadOnlyList<string> OutletsAwaitingReview);

/// <summary>Ingests a saved feed file exactly as a fetched one (same parser, size cap, classifier and store), recorded as a fetch run.</summary>
public sealed class FeedFileImporter(AppDbContext db, FeedIngestor ingestor, TimeProvider clock, ILogger<FeedFileImporter> logger)
{
    public async Task<ImportResult> ImportAsync(string topicSlug, string path, CancellationToken cancellationToken, string trigger = FetchTriggers.Import)
    {
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Slug == topicSlug, cancellationToken) ?? throw new TopicNotFoundException(topicSlug);
        var fullPath = Path.GetFullPath(path);
        var run = FetchRun.Start(topic.Id, feedId: null, trigger, fullPath, clock.GetUtcNow());
        db.FetchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var result = await ingestor.IngestBodyAsync(run, await ReadCappedAsync(fullPath, cancellationToken), edition: null, cancellationToken);
        run.Finish(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Imported {Path} into {Topic}: {Outcome}, {ItemsSeen} seen, {ItemsNew} new, {ItemsDuplicate} duplicate",
            fullPath, topic.Slug, run.Outcome, run.ItemsSeen, run.ItemsNew, run.ItemsDuplicate);
        return new ImportResult(run, result?.OutletsAwaitingReview ?? []);
    }

    /// <summary>The file, or its first cap + 1 bytes when it is larger: enough for the parser to refuse it as too large.</summary>
    private async Task<byte[]> ReadCappedAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var bytes = new byte[Math.Min(file.Length, ingestor.MaxBodyBytes + 1L)];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
