using Aggregator.Digests;
using Hangfire;

namespace Aggregator.Scheduling;

/// <summary>Publishes one topic's digest: the day whose window has just closed, or a day an admin names.</summary>
public sealed class BuildDigestJob(DigestPublisher publisher)
{
    /// <summary>
    /// Publishing is idempotent (unchanged inputs keep the stored version) and stores each version under a per-topic,
    /// per-day transaction lock, so Hangfire's at-least-once delivery, two instances catching up the same missed day,
    /// and retries are all safe without [DisableConcurrentExecution]. A transient failure (database, LLM endpoint) is
    /// retried a few times, then the job fails where admins see it. The result sentence shows in the dashboard.
    /// </summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task<string> RunAsync(string topicSlug, string? day, CancellationToken cancellationToken)
    {
        DateOnly? date = day is null ? null : DigestWindow.TryParseDate(day, out var parsed) ? parsed : throw new ArgumentException($"'{day}' is not YYYY-MM-DD", nameof(day));
        return (await publisher.PublishAsync(topicSlug, date, cancellationToken)).Message;
    }
}
