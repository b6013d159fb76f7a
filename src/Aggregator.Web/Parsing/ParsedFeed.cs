namespace Aggregator.Parsing;

/// <summary>A feed as the parser read it: plain values, nothing looked up or stored yet.</summary>
public sealed record ParsedFeed(string? Title, string? Language, string? Link, IReadOnlyList<ParsedItem> Items, int ItemsDropped);

/// <summary>
/// One item. <see cref="Headline"/> is the title without Google's " - Outlet" suffix; <see cref="SourceName"/> and
/// <see cref="SourceUrl"/> name the outlet when the feed says (Google's &lt;source&gt;, an Atom source or author).
/// <see cref="PublishedAt"/> is null when the feed gave no date the parser could read.
/// </summary>
public sealed record ParsedItem(
    string? Guid,
    string Link,
    string Headline,
    string? SourceName,
    string? SourceUrl,
    DateTimeOffset? PublishedAt);

public enum FeedParseErrorKind
{
    Empty,
    TooLarge,
    HtmlPage,
    DtdProhibited,
    Malformed,
    UnknownFormat,
}

public sealed record FeedParseError(FeedParseErrorKind Kind, string Message)
{
    /// <summary>The stable name recorded on fetch runs ("parse-html-page", …).</summary>
    public string Code => Kind switch
    {
        FeedParseErrorKind.Empty => "parse-empty",
        FeedParseErrorKind.TooLarge => "parse-too-large",
        FeedParseErrorKind.HtmlPage => "parse-html-page",
        FeedParseErrorKind.DtdProhibited => "parse-dtd-prohibited",
        FeedParseErrorKind.Malformed => "parse-malformed",
        _ => "parse-unknown-format",
    };
}

/// <summary>Either a feed or the reason there is none.</summary>
public sealed record FeedParseResult(ParsedFeed? Feed, FeedParseError? Error)
{
    public static FeedParseResult Success(ParsedFeed feed) => new(feed, null);
    public static FeedParseResult Failure(FeedParseErrorKind kind, string message) => new(null, new FeedParseError(kind, message));
}
