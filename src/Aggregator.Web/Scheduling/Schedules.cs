using Aggregator.Model;

namespace Aggregator.Scheduling;

/// <summary>
/// Every recurring schedule the app runs, declared here and nowhere else: per enabled topic, a fetch of its due feeds
/// at its fetch interval and its digest daily at its digest hour (UTC). The start-up catch-up lives beside them in
/// <see cref="ScheduleSynchronizer"/>. Recurring job ids are "fetch:&lt;slug&gt;" and "digest:&lt;slug&gt;".
/// </summary>
public static class Schedules
{
    private const string FetchPrefix = "fetch:";
    private const string DigestPrefix = "digest:";

    public static string FetchJobId(string topicSlug) => FetchPrefix + topicSlug;

    public static string DigestJobId(string topicSlug) => DigestPrefix + topicSlug;

    /// <summary>Whether a recurring job id is one of ours (so a job no enabled topic wants can be removed).</summary>
    public static bool IsTopicJob(string recurringJobId) =>
        recurringJobId.StartsWith(FetchPrefix, StringComparison.Ordinal) || recurringJobId.StartsWith(DigestPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The fetch fires every interval when the interval divides an hour or a day evenly; otherwise every five minutes
    /// (the shortest interval a topic may have), and each feed's own next-check time keeps it to its interval.
    /// </summary>
    public static string FetchCron(Topic topic, SchedulerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.FetchCron)) return options.FetchCron;
        var minutes = topic.FetchIntervalMinutes;
        if (minutes < 60 && 60 % minutes == 0) return $"*/{minutes} * * * *";
        if (minutes % 60 == 0 && 24 % (minutes / 60) == 0)
            return (minutes / 60) switch { 1 => "0 * * * *", 24 => "0 0 * * *", var hours => $"0 */{hours} * * *" };
        return "*/5 * * * *";
    }

    /// <summary>Daily at the topic's digest hour, UTC: the moment its day's window closes.</summary>
    public static string DigestCron(Topic topic, SchedulerOptions options) =>
        string.IsNullOrWhiteSpace(options.DigestCron) ? $"0 {topic.DigestHourUtc} * * *" : options.DigestCron;
}
