namespace Aggregator.Model;

public enum FetchOutcome
{
    Running,
    Succeeded,
    NotModified,
    Failed,
}

/// <summary>The record of one check of one feed (or one imported file): what was asked, what came back, what was stored.</summary>
public sealed class FetchRun
{
    public long Id { get; set; }
    public int TopicId { get; set; }
    /// <summary>The feed checked; null for a file ingested with <c>import-feed</c>.</summary>
    public int? FeedId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public FetchOutcome Outcome { get; set; }
    public required string Trigger { get; set; }
    /// <summary>The URL fetched, or the path of the imported file.</summary>
    public string? Source { get; set; }
    public int? HttpStatus { get; set; }
    /// <summary>A stable name for the failure ("timeout", "rate-limited", "consent-redirect", "parse-error", …).</summary>
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }
    public int ItemsSeen { get; set; }
    public int ItemsNew { get; set; }
    public int ItemsDuplicate { get; set; }
    /// <summary>
    /// Items that could not be stored as they are, left out and counted: no http(s) link or no headline (the parser
    /// drops them), or a link or id too long for its column.
    /// </summary>
    public int ItemsSkipped { get; set; }
    /// <summary>Items of the feed that are an outlet's own pages, not articles (<c>Classification/OutletPages</c>): stored, kept out of stories and digests.</summary>
    public int ItemsOutletPages { get; set; }
    public long? BytesRead { get; set; }
    public string? Instance { get; set; }

    /// <summary>A run that has just started on this machine: stored as "running" so a crash mid-run stays visible.</summary>
    public static FetchRun Start(int topicId, int? feedId, string trigger, string source, DateTimeOffset now) => new()
    {
        TopicId = topicId,
        FeedId = feedId,
        StartedAt = now,
        Outcome = FetchOutcome.Running,
        Trigger = trigger,
        Source = source,
        Instance = Environment.MachineName,
    };

    public void Succeed(int seen, int @new, int duplicate, int skipped, int outletPages)
    {
        Outcome = FetchOutcome.Succeeded;
        (ItemsSeen, ItemsNew, ItemsDuplicate, ItemsSkipped, ItemsOutletPages) = (seen, @new, duplicate, skipped, outletPages);
    }

    public void Fail(string kind, string message)
    {
        Outcome = FetchOutcome.Failed;
        ErrorKind = kind;
        Error = ColumnLengths.Fit(message, ColumnLengths.FetchRunError);
    }

    public void Finish(DateTimeOffset now) => FinishedAt = now;
}
