using Hangfire;

namespace Aggregator.Scheduling;

/// <summary>What admins start by hand: a fetch of every feed of a topic, or a day's digest, queued for any instance.</summary>
public sealed class TopicJobs(IBackgroundJobClient jobs)
{
    public string FetchNow(string topicSlug) =>
        jobs.Enqueue<FetchTopicJob>(job => job.RunAsync(topicSlug, true, CancellationToken.None));

    public string PublishDigest(string topicSlug, DateOnly day) =>
        jobs.Enqueue<BuildDigestJob>(job => job.RunAsync(topicSlug, day.ToString("yyyy-MM-dd"), CancellationToken.None));
}
