using System.Diagnostics;
using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Ingestion;

public sealed record FeedRefreshSummary(string Feed, FetchOutcome Outcome, int? HttpStatus, int New, int Duplicate, string? ErrorKind, string? Error);

/// <summary>
/// Fetches every (due) feed of a topic, one after another, and records a fetch run for each. A failing feed is
/// recorded, backed off and skipped; the topic's other feeds are still fetched.
/// </summary>
public sealed class TopicRefresher(
    AppDbContext db,
    IFeedTransport transport,
    FeedIngestor ingestor,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<TopicRefresher> logger)
{
    public async Task<IReadOnlyList<FeedRefreshSummary>> RefreshAsync(string topicSlug, string trigger, bool onlyDue, CancellationToken cancellationToken)
    {
        var topicId = await db.Topics.Where(t => t.Slug == topicSlug).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new TopicNotFoundException(topicSlug);
        // A fetch of this topic still running elsewhere finishes first; its feeds are then no longer due.
        await using var turn = await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, AdvisoryLock.TopicFetch(topicId), cancellationToken);
        var topic = await db.Topics.Include(t => t.Feeds).SingleAsync(t => t.Id == topicId, cancellationToken);
        var now = clock.GetUtcNow();
        var feeds = topic.Feeds.Where(f => f.Enabled && (!onlyDue || f.IsDue(now))).OrderBy(f => f.Id).ToList();
        logger.LogInformation("Refreshing topic {Topic}: {DueFeeds} of {Feeds} feeds ({Trigger})", topic.Slug, feeds.Count, topic.Feeds.Count, trigger);

        var summaries = new List<FeedRefreshSummary>();
        foreach (var feed in feeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            summaries.Add(await RefreshFeedAsync(topic, feed, trigger, cancellationToken));
        }
        return summaries;
    }

    private async Task<FeedRefreshSummary> RefreshFeedAsync(Topic topic, Feed feed, string trigger, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var interval = TimeSpan.FromMinutes(topic.FetchIntervalMinutes);
        var url = FeedUrls.For(feed, settings);
        var stopwatch = Stopwatch.StartNew();
        // This refresh holds the topic's fetch lock, so a run of this feed still marked running belongs to a fetch that
        // died before it could record its end (a crash, a kill, the database going away): say so now.
        await db.FetchRuns
            .Where(r => r.FeedId == feed.Id && r.Outcome == FetchOutcome.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Outcome, FetchOutcome.Failed)
                .SetProperty(r => r.ErrorKind, "interrupted")
                .SetProperty(r => r.Error, "the process stopped before this run finished"), cancellationToken);

        var run = FetchRun.Start(topic.Id, feed.Id, trigger, url.AbsoluteUri, clock.GetUtcNow());
        db.FetchRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var response = await transport.FetchAsync(
                new FetchRequest(url, feed.ETag, feed.LastModified, $"{topic.Slug}/{FeedUrls.Slug(feed.Name)}"), cancellationToken);
            run.HttpStatus = response.HttpStatus;
            switch (response.Kind)
            {
                case FetchResponseKind.NotModified:
                    run.Outcome = FetchOutcome.NotModified;
                    feed.RecordSuccess(clock.GetUtcNow(), interval);
                    break;
                case FetchResponseKind.Failed:
                    Fail(run, feed, response.ErrorKind!, response.Error!, interval, response.RetryAfter);
                    break;
                default:
                    if (await ingestor.IngestBodyAsync(run, response.Body, feed.Edition, cancellationToken) is null)
                    {
                        Fail(run, feed, run.ErrorKind!, run.Error!, interval, null);
                        break;
                    }
                    feed.ETag = response.ETag;
                    feed.LastModified = response.LastModified;
                    feed.RecordSuccess(clock.GetUtcNow(), interval);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Feed {FeedId} of topic {Topic} failed unexpectedly", feed.Id, topic.Slug);
            db.ChangeTracker.Clear();
            db.Attach(run);
            db.Attach(feed);
            Fail(run, feed, "internal-error", e.Message, interval, null);
        }
        run.Finish(clock.GetUtcNow());
        // The record of the run must survive a cancelled refresh too.
        await db.SaveChangesAsync(CancellationToken.None);

        logger.LogInformation(
            "Fetched feed {FeedId} {Url}: {Outcome} HTTP {HttpStatus}, {ItemsSeen} seen, {ItemsNew} new, {ItemsDuplicate} duplicate in {ElapsedMs} ms",
            feed.Id, url.AbsoluteUri, run.Outcome, run.HttpStatus, run.ItemsSeen, run.ItemsNew, run.ItemsDuplicate, stopwatch.ElapsedMilliseconds);
        return new FeedRefreshSummary(feed.Name, run.Outcome, run.HttpStatus, run.ItemsNew, run.ItemsDuplicate, run.ErrorKind, run.Error);
    }

    private void Fail(FetchRun run, Feed feed, string kind, string message, TimeSpan interval, TimeSpan? retryAfter)
    {
        run.Fail(kind, message);
        feed.RecordFailure(clock.GetUtcNow(), $"{kind}: {message}", interval, options.Value.MaxFailureBackoff, retryAfter);
        logger.LogWarning("Feed {FeedId} failed with {ErrorKind}: {Error}; next check at {NextCheckAt}", feed.Id, kind, message, feed.NextCheckAt);
    }
}
