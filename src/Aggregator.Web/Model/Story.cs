namespace Aggregator.Model;

/// <summary>
/// One news story within a topic: the articles of the topic that report the same event, grouped at ingest by the
/// story engine (<c>Stories/</c>) or by an admin. The id is stable: later fetches add to a story, never renumber it.
/// </summary>
public sealed class Story
{
    public long Id { get; set; }
    public int TopicId { get; set; }
    public DateTimeOffset FirstArticleAt { get; set; }
    public DateTimeOffset LastArticleAt { get; set; }
    public int ArticleCount { get; set; }
    /// <summary>False for a story an admin split off: it keeps its articles and the engine adds none.</summary>
    public bool AcceptsNewArticles { get; set; } = true;
    /// <summary>Set when an admin merged this story into another; the story then has no articles and links there.</summary>
    public long? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
