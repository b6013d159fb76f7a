namespace Aggregator.Scheduling;

/// <summary>How this instance's Hangfire server works the shared job store ("Scheduler" section).</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Jobs one instance runs at a time.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often recurring and delayed jobs are looked at (Hangfire's schedule polling).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A job taken by an instance that then dies is handed to another instance after this long. A live instance keeps
    /// extending it while the job runs, so a long job is never run twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Replace every topic's fetch or digest schedule with this cron expression (five fields, or six with seconds):
    /// for compressed schedules in trials and tests. Empty in production, where each topic's settings decide.
    /// </summary>
    public string? FetchCron { get; set; }

    public string? DigestCron { get; set; }
}
