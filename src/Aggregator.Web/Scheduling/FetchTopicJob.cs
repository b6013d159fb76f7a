using Aggregator.Ingestion;
using Hangfire;

namespace Aggregator.Scheduling;

/// <summary>Fetches one topic's feeds: its due feeds when the schedule fires, every feed when an admin asks.</summary>
public sealed class FetchTopicJob(TopicRefresher refresher)
{
    /// <summary>
    /// One fetch per topic at a time, across instances: a fire that finds the previous fetch still running waits for
    /// it, then skips the feeds it just checked (they are not due). No Hangfire retries: the refresher records and backs
    /// off each failing feed itself, and the next fire is the retry; a fire that could not even start is dropped.
    /// </summary>
    [DisableConcurrentExecution("fetch:{0}", 10 * 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<string> RunAsync(string topicSlug, bool everyFeed, CancellationToken cancellationToken)
    {
        var summaries = await refresher.RefreshAsync(topicSlug, everyFeed ? FetchTriggers.Admin : FetchTriggers.Schedule, onlyDue: !everyFeed, cancellationToken);
        return $"{summaries.Count} feeds checked, {summaries.Sum(s => s.New)} new articles, {summaries.Count(s => s.ErrorKind is not null)} failed";
    }
}
