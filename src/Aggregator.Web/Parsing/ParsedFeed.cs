namespace Aggregator.Parsing;

/// <summary>A feed as the parser read it: plain values, nothing looked up or stored yet.</summary>
public sealed record ParsedFeed(string? Title, string? Language, string? Link, IReadOnlyList<ParsedItem> Items, int ItemsDropped)
{
    public const string GoogleNewsHost = "news.google.com";
    /// <summary>The locale of articles from a feed that names neither an edition nor a language.</summary>
    public const string DefaultLocale = "en-US";

    /// <summary>
    /// A Google News feed links to news.google.com: its titles end in " - Outlet" and each item names its outlet,
    /// whereas an outlet's own feed is itself the outlet of every item.
    /// </summary>
    public bool IsGoogleNews => IsGoogleNewsLink(Link);

    public static bool IsGoogleNewsLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.Equals(GoogleNewsHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>The locale tag of the feed's articles: the configured Google News edition, else the feed's own language.</summary>
    public string LocaleFor(string? edition) => edition ?? Language ?? DefaultLocale;
}

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
    TooDeep,
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
        FeedParseErrorKind.TooDeep => "parse-too-deep",
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
