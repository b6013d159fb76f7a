namespace Aggregator.Model;

/// <summary>One story from one outlet, stored once however many feeds and topics bring it in.</summary>
public sealed class Article
{
    public long Id { get; set; }
    /// <summary>The feed's stable item id (Google's guid) when it has one.</summary>
    public string? Guid { get; set; }
    public required string Link { get; set; }
    /// <summary>The link with scheme/host lower-cased, fragment and tracking parameters dropped: a second identity key.</summary>
    public required string NormalizedLink { get; set; }
    public required string Headline { get; set; }
    /// <summary>Headline folded for comparison: same outlet + same normalized title = same story.</summary>
    public required string NormalizedTitle { get; set; }
    public int OutletId { get; set; }
    public Outlet? Outlet { get; set; }
    /// <summary>Copy of the outlet's alignment, re-tagged when an admin changes it, so digest queries stay on one indexed table.</summary>
    public Side Side { get; set; }
    /// <summary>The outlet name exactly as the feed spelled it.</summary>
    public required string SourceName { get; set; }
    public string? SourceUrl { get; set; }
    public required string Locale { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    /// <summary>An outlet's own page Google returned (home page, edition, section), not an article: stored, never in stories or digests.</summary>
    public bool IsOutletPage { get; set; }
    /// <summary>ISO 639-1 code (<c>Classification/ArticleLanguages</c>): "en", "zh", …</summary>
    public string Language { get; set; } = "en";
    /// <summary>
    /// The publisher's own URL behind a Google News link, once found (<c>Ingestion/PublisherLinks</c>); reader pages link
    /// it, with <see cref="Link"/> as the fallback.
    /// </summary>
    public string? PublisherLink { get; set; }
    /// <summary>When the publisher's URL was looked for, found or not: each article is looked up once.</summary>
    public DateTimeOffset? PublisherLinkCheckedAt { get; set; }
    /// <summary>Why no publisher's URL was found, when none was (shown to admins with the topic).</summary>
    public string? PublisherLinkFailure { get; set; }
    /// <summary>The link a reader follows: the publisher's own when known, else the feed's.</summary>
    public string ReaderLink => PublisherLink ?? Link;
    /// <summary>Headline and outlet name for full-text search, computed by PostgreSQL.</summary>
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;
}

/// <summary>Membership of an article in a topic (an article may belong to several).</summary>
public sealed class ArticleTopic
{
    public int TopicId { get; set; }
    public long ArticleId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    /// <summary>The story of this article within the topic; null only for articles stored before stories existed.</summary>
    public long? StoryId { get; set; }
    /// <summary>An admin placed the article in its story: reclustering leaves it there.</summary>
    public bool StoryPinned { get; set; }
}
