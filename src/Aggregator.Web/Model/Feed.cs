namespace Aggregator.Model;

public enum FeedKind
{
    /// <summary>A Google News RSS search: the URL is built from <see cref="Feed.Query"/> and <see cref="Feed.Edition"/>.</summary>
    GoogleNews,
    /// <summary>An outlet's own RSS or Atom feed at <see cref="Feed.Url"/>.</summary>
    Direct,
}

/// <summary>One source of articles for a topic, with the HTTP caching and failure state of its last checks.</summary>
public sealed class Feed
{
    public int Id { get; set; }
    public int TopicId { get; set; }
    public Topic? Topic { get; set; }
    public required string Name { get; set; }
    public FeedKind Kind { get; set; }
    public string? Query { get; set; }
    /// <summary>Google News edition as a locale tag ("en-US"); it becomes each article's locale.</summary>
    public string? Edition { get; set; }
    public string? Url { get; set; }
    public bool Enabled { get; set; } = true;

    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }
    public DateTimeOffset? NextCheckAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Checks may run up to this much early, so a schedule firing every interval always finds the feed due.</summary>
    public static readonly TimeSpan DueTolerance = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Points the feed at a source. A different source starts afresh: no cached validators (the old ETag would
    /// answer 304 for the new URL), no backoff, checked at the next fire.
    /// </summary>
    public void ChangeSource(FeedKind kind, string? query, string? edition, string? url)
    {
        (query, edition, url) = kind == FeedKind.GoogleNews ? (query?.Trim(), edition?.Trim(), (string?)null) : ((string?)null, (string?)null, url?.Trim());
        if (Kind == kind && Query == query && Edition == edition && Url == url) return;
        (Kind, Query, Edition, Url) = (kind, query, edition, url);
        ETag = null;
        LastModified = null;
        ConsecutiveFailures = 0;
        NextCheckAt = null;
    }

    public bool IsDue(DateTimeOffset now) => Enabled && (NextCheckAt is null || NextCheckAt <= now + DueTolerance);

    public void RecordSuccess(DateTimeOffset now, TimeSpan interval)
    {
        LastCheckedAt = now;
        LastSucceededAt = now;
        ConsecutiveFailures = 0;
        LastError = null;
        NextCheckAt = now + interval;
    }

    /// <summary>
    /// Backs off after repeated failures: the next check waits interval × 2^(failures−1), at most <paramref name="maxBackoff"/>,
    /// and never less than the server's Retry-After.
    /// </summary>
    public void RecordFailure(DateTimeOffset now, string error, TimeSpan interval, TimeSpan maxBackoff, TimeSpan? retryAfter = null)
    {
        LastCheckedAt = now;
        ConsecutiveFailures++;
        LastError = ColumnLengths.Fit(error, ColumnLengths.FeedError);
        var factor = Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 20));
        var backoff = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, maxBackoff.Ticks));
        if (retryAfter is { } wait && wait > backoff) backoff = wait;
        NextCheckAt = now + backoff;
    }
}
