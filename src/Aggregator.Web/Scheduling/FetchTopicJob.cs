using Aggregator.Ingestion;
using Hangfire;

namespace Aggregator.Scheduling;

/// <summary>Fetches one topic's feeds: its due feeds when the schedule fires, every feed when an admin asks.</summary>
public sealed class FetchTopicJob(TopicRefresher refresher, IBackgroundJobClient jobs)
{
    /// <summary>
    /// No Hangfire retries: the refresher records and backs off each failing feed itself, and the next fire is the
    /// retry; a job that fails as a whole (database down) stays failed in the dashboard. Fetches of one topic take
    /// turns inside the refresher (a PostgreSQL advisory lock per topic) rather than through
    /// [DisableConcurrentExecution], whose lock row would outlive an instance killed mid-fetch and hold up the job's
    /// rerun for the lock's whole timeout; an advisory lock ends with the dead instance's connection.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string topicSlug, bool everyFeed, CancellationToken cancellationToken)
    {
        var summaries = await refresher.RefreshAsync(topicSlug, everyFeed ? FetchTriggers.Admin : FetchTriggers.Schedule, onlyDue: !everyFeed, cancellationToken);
        var stored = summaries.Sum(s => s.New);
        // Ingest stores articles only; their stories, publisher links and texts are later jobs', on whichever instance takes them.
        if (stored > 0)
        {
            jobs.Enqueue<PlaceStoriesJob>(job => job.RunAsync(topicSlug, CancellationToken.None));
            // Pages are read at the publisher's own URL: after the look-up of those links, whatever it came to.
            var links = jobs.Enqueue<ResolvePublisherLinksJob>(job => job.RunAsync(topicSlug, CancellationToken.None));
            jobs.ContinueJobWith<FetchArticleTextsJob>(links, job => job.RunAsync(topicSlug, CancellationToken.None), new Hangfire.States.EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
        }
        return $"{summaries.Count} feeds checked, {stored} new articles, {summaries.Count(s => s.ErrorKind is not null)} failed";
    }
}
