namespace Aggregator.Model;

/// <summary>A subject the app follows (e.g. US–China relations): its feeds, its sides and its digest rules.</summary>
public sealed class Topic
{
    public const int DefaultPerSideQuota = 10;
    public const int DefaultDigestHourUtc = 4;
    public const int DefaultFetchIntervalMinutes = 30;
    public const int DefaultBlindspotMinArticles = 3;
    public const int DefaultBlindspotMinOutlets = 2;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int PerSideQuota { get; set; } = DefaultPerSideQuota;
    public int DigestHourUtc { get; set; } = DefaultDigestHourUtc;
    public int FetchIntervalMinutes { get; set; } = DefaultFetchIntervalMinutes;
    public bool Enabled { get; set; } = true;
    /// <summary>Whether articles of outlets whose side is provisional (guessed by rule, not yet reviewed) count in digests.</summary>
    public bool IncludeProvisional { get; set; } = true;
    /// <summary>A story one side ignored is a blindspot when the other side published at least this many articles on it…</summary>
    public int BlindspotMinArticles { get; set; } = DefaultBlindspotMinArticles;
    /// <summary>…from at least this many outlets.</summary>
    public int BlindspotMinOutlets { get; set; } = DefaultBlindspotMinOutlets;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The languages its digests and highlights include; articles in others are stored, searchable and on story pages.</summary>
    public List<string> Languages { get; set; } = ["en"];
    /// <summary>
    /// Whether the publishers' pages of its articles are fetched for their text (off by default, as Miniflux's "fetch
    /// original content" is per feed): leads on story pages and in digests, search over the text.
    /// </summary>
    public bool FetchArticleText { get; set; }

    public List<TopicSide> Sides { get; set; } = [];
    public List<Feed> Feeds { get; set; } = [];
}

/// <summary>One side of a topic, shown as "&lt;Name&gt; Perspective"; articles join it through their outlet's alignment.</summary>
public sealed class TopicSide : INamedSide
{
    public int TopicId { get; set; }
    public Side Side { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}
