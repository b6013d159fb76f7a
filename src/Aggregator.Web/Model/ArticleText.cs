namespace Aggregator.Model;

/// <summary>
/// The text behind an article, fetched from the publisher's page when its topic asks for it (<c>Ingestion/ArticleTexts</c>):
/// the latest attempt, success or failure. A table of its own: the hot <c>articles</c> table never carries page text.
/// </summary>
public sealed class ArticleText
{
    public long ArticleId { get; set; }
    /// <summary>The publisher's URL that was fetched.</summary>
    public required string Url { get; set; }
    /// <summary>What the latest attempt came to: <see cref="ArticleTextStatuses"/>.</summary>
    public required string Status { get; set; }
    public int? HttpStatus { get; set; }
    /// <summary>Why there is no text, in words an admin acts on; null when the text was fetched.</summary>
    public string? Failure { get; set; }
    public string? Language { get; set; }
    /// <summary>The article's text, paragraphs separated by blank lines.</summary>
    public string? Text { get; set; }
    /// <summary>The first paragraph long enough to say what happened.</summary>
    public string? Lead { get; set; }
    public int WordCount { get; set; }
    /// <summary>The extractor that made the text (<c>Extraction/ArticleExtractor.Version</c>).</summary>
    public string? ExtractorVersion { get; set; }
    /// <summary>The page's validators, sent back on the next attempt (conditional GET).</summary>
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>The text for full-text search, computed by PostgreSQL.</summary>
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;
}

/// <summary>What fetching an article's page came to; every value but <see cref="Fetched"/> is a failure an admin sees.</summary>
public static class ArticleTextStatuses
{
    public const string Fetched = "fetched";
    /// <summary>The site's robots.txt does not let us read the page.</summary>
    public const string Robots = "robots";
    public const string Forbidden = "forbidden";
    /// <summary>The page holds a subscription offer where the article would be.</summary>
    public const string Paywall = "paywall";
    public const string TooLarge = "too-large";
    public const string NotHtml = "not-html";
    /// <summary>The page was read but no article text was found in it.</summary>
    public const string NoText = "no-text";
    public const string HttpError = "http-error";
    public const string Timeout = "timeout";
    public const string BlockedAddress = "blocked-address";
    public const string ConnectionFailed = "connection-failed";

    /// <summary>Failures worth another attempt later: the site may answer next time.</summary>
    public static bool IsTransient(string status) => status is Timeout or ConnectionFailed or HttpError;
}
