namespace Aggregator.Model;

public enum FetchOutcome
{
    Running,
    Succeeded,
    NotModified,
    Failed,
}

/// <summary>The record of one check of one feed: what was asked, what came back, what was stored.</summary>
public sealed class FetchRun
{
    public long Id { get; set; }
    public int FeedId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public FetchOutcome Outcome { get; set; }
    public required string Trigger { get; set; }
    public string? Url { get; set; }
    public int? HttpStatus { get; set; }
    /// <summary>A stable name for the failure ("timeout", "rate-limited", "consent-redirect", "parse-error", …).</summary>
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }
    public int ItemsSeen { get; set; }
    public int ItemsNew { get; set; }
    public int ItemsDuplicate { get; set; }
    public long? BytesRead { get; set; }
    public string? Instance { get; set; }
}
