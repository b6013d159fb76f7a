using Aggregator.Digests;
using Hangfire;

namespace Aggregator.Scheduling;

/// <summary>Publishes one topic's digest: the day whose window has just closed, or a day an admin names.</summary>
public sealed class BuildDigestJob(DigestPublisher publisher)
{
    /// <summary>
    /// Builders of one topic take turns. Publishing is idempotent (unchanged inputs keep the stored version), so
    /// Hangfire's at-least-once delivery and its retries are safe: a transient failure (database, LLM endpoint) is
    /// retried a few times, then the job fails where admins see it. The result sentence shows in the dashboard.
    /// </summary>
    [DisableConcurrentExecution("digest:{0}", 10 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task<string> RunAsync(string topicSlug, string? day, CancellationToken cancellationToken)
    {
        DateOnly? date = day is null ? null : DigestReader.TryParseDate(day, out var parsed) ? parsed : throw new ArgumentException($"'{day}' is not YYYY-MM-DD", nameof(day));
        return (await publisher.PublishAsync(topicSlug, date, cancellationToken)).Message;
    }
}
