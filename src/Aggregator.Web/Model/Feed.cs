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
}
