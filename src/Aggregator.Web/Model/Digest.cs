namespace Aggregator.Model;

/// <summary>
/// An immutable, versioned snapshot of one topic's balanced digest for one day. Everything a reader sees is
/// copied in (names, headlines, links) so later registry edits never change what was published.
/// </summary>
public sealed class Digest
{
    public int Id { get; set; }
    public int TopicId { get; set; }
    public DateOnly Date { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public required string TopicSlug { get; set; }
    public required string TopicName { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public int PerSideCount { get; set; }
    public bool IsThin { get; set; }
    /// <summary>Which highlighter wrote the bullets ("extractive", "llm").</summary>
    public required string Highlighter { get; set; }
    /// <summary>Why the configured highlighter was not used, when it fell back.</summary>
    public string? HighlighterNote { get; set; }
    /// <summary>Hash of the selected articles and highlights: a rebuild stores a new version only when it differs.</summary>
    public required string ContentHash { get; set; }

    public List<DigestSide> Sides { get; set; } = [];
    public List<DigestHighlight> Highlights { get; set; } = [];
    public List<DigestArticle> Articles { get; set; } = [];
}

public sealed class DigestSide : INamedSide
{
    public int DigestId { get; set; }
    public Side Side { get; set; }
    public required string Name { get; set; }
    public int ArticleCount { get; set; }
    public int Position { get; set; }
}

public sealed class DigestHighlight
{
    public int DigestId { get; set; }
    public int Position { get; set; }
    /// <summary>The side the bullet belongs to, or null for an overall highlight.</summary>
    public Side? Side { get; set; }
    public required string Text { get; set; }
    /// <summary>The story the bullet is about, when it is about one (extractive bullets are; an LLM's are not).</summary>
    public long? StoryId { get; set; }
}

public sealed class DigestArticle
{
    public int DigestId { get; set; }
    public int Position { get; set; }
    public long ArticleId { get; set; }
    /// <summary>The article's story when the digest was built.</summary>
    public long? StoryId { get; set; }
    public Side Side { get; set; }
    public required string Headline { get; set; }
    public required string Link { get; set; }
    public required string OutletName { get; set; }
    /// <summary>The outlet's side was provisional (guessed by rule) when the digest was built.</summary>
    public bool Provisional { get; set; }
    public required string Locale { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>The article's lead paragraph when its text had been fetched by the build.</summary>
    public string? Lead { get; set; }
}
