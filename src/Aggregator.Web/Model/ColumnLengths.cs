namespace Aggregator.Model;

/// <summary>
/// The length limits of the text columns that code checks or fits values to, declared once: the entity
/// configurations give the columns these lengths, and ingestion, validation and error recording use the same numbers.
/// </summary>
public static class ColumnLengths
{
    public const int ArticleGuid = 1024;
    public const int Link = 4096;
    public const int PublisherLinkFailure = 200;
    public const int Headline = 1000;
    public const int OutletName = 200;
    public const int SourceUrl = 2048;
    public const int Locale = 16;
    public const int Country = 64;
    public const int Notes = 2000;
    public const int FeedName = 200;
    public const int FeedQuery = 1000;
    public const int FeedUrl = 2048;
    public const int FeedError = 2000;
    public const int FetchRunError = 4000;
    public const int ProvisionalRule = 32;
    /// <summary>The longest host name DNS allows.</summary>
    public const int Host = 253;
    public const int EmbeddingModel = 64;
    public const int HighlightText = 2000;
    public const int HighlighterNote = 2000;
    public const int ArticleTextStatus = 32;
    public const int ArticleTextFailure = 500;
    public const int ExtractorVersion = 64;
    /// <summary>An ETag or Last-Modified value kept for the next conditional GET.</summary>
    public const int Validator = 256;
    /// <summary>The lead paragraph as stored and shown.</summary>
    public const int Lead = 2000;

    /// <summary>The value cut to at most <paramref name="length"/> characters.</summary>
    public static string Fit(string value, int length) => value.Length <= length ? value : value[..length];
}
