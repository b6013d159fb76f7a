using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;

namespace Aggregator.Parsing;

/// <summary>
/// Feed bytes to a <see cref="ParsedFeed"/>: a pure function, no I/O. The bytes are decoded and must pass
/// <see cref="XmlGate"/> (DTDs prohibited, no resolver, size and depth caps), so XXE and entity-expansion attacks fail
/// fast; CodeHollow.FeedReader's feed classes then read RSS 0.9x/1.0/2.0, MediaRSS and Atom from the gate's tree, and
/// this class maps its items to ours:
/// Google's "Headline - Outlet" titles split, the item's &lt;source&gt;, guid, date, and http/https links only.
/// Dates are the exception: CodeHollow's date parsing throws on dialects real feeds use (one of the odd-dates fixture's dates
/// fails the whole feed), so the date elements are moved out of its sight and <see cref="FeedDates"/> reads them.
/// </summary>
public static class FeedParser
{
    /// <summary>The size cap when the caller names none; also the default of the fetcher's body cap (Fetching:MaxBodyBytes).</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    /// <summary>Where date elements wait while CodeHollow reads the rest (see the summary).</summary>
    private static readonly XNamespace HiddenDates = "urn:aggregator:feed-dates";

    private static readonly HashSet<string> DateElements = new(StringComparer.Ordinal) { "pubDate", "date", "published", "updated", "lastBuildDate", "modified" };

    public static FeedParseResult Parse(ReadOnlySpan<byte> bytes, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        if (bytes.Length > maxBytes)
            return FeedParseResult.Failure(FeedParseErrorKind.TooLarge, $"the feed is over the {maxBytes:N0}-byte limit");

        var text = FeedDecoding.Decode(bytes);
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.IsEmpty) return FeedParseResult.Failure(FeedParseErrorKind.Empty, "the response body is empty");
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return FeedParseResult.Failure(FeedParseErrorKind.HtmlPage, "received an HTML page, not a feed");
        if (start[0] != '<') return FeedParseResult.Failure(FeedParseErrorKind.Malformed, "the body is not XML");

        var (document, refused) = XmlGate.Read(start.ToString(), maxBytes, cancellationToken);
        if (refused is not null) return new FeedParseResult(null, refused);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var date in document!.Descendants().Where(e => DateElements.Contains(e.Name.LocalName)).ToList())
            date.Name = HiddenDates + date.Name.LocalName;

        Feed feed;
        try
        {
            if (ReadWithCodeHollow(document) is not { } read)
                return FeedParseResult.Failure(FeedParseErrorKind.UnknownFormat, $"<{document.Root!.Name.LocalName}> is neither RSS nor Atom");
            feed = read;
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            // CodeHollow reads what it expects to find (an RSS channel, say) without checking it is there.
            return FeedParseResult.Failure(FeedParseErrorKind.UnknownFormat, $"<{document.Root!.Name.LocalName}> could not be read as a feed ({e.GetType().Name})");
        }
        return FeedParseResult.Success(feed.Type == FeedType.Atom ? ReadAtom(feed) : ReadRss(feed));
    }

    /// <summary>
    /// CodeHollow's feed model built on the gate's tree, choosing the feed class as CodeHollow's own FeedReader does.
    /// Its entry points take text and parse it twice more (a 20,000-item feed spent most of its parsing there), so the
    /// tree is handed to its feed classes directly. Null when the root is neither RSS nor Atom.
    /// </summary>
    private static Feed? ReadWithCodeHollow(XDocument document)
    {
        var root = document.Root!;
        var channel = root.Elements().FirstOrDefault(e => e.Name.LocalName.Equals("channel", StringComparison.OrdinalIgnoreCase));
        BaseFeed? feed = root.Name.LocalName.ToLowerInvariant() switch
        {
            "feed" => new AtomFeed("", root),
            "rdf" => new Rss10Feed("", channel),
            "rss" => root.Attribute("version")?.Value.ToLowerInvariant() switch
            {
                "0.91" => new Rss091Feed("", channel),
                "0.92" => new Rss092Feed("", channel),
                "2.0" when root.Attribute(XNamespace.Xmlns + "media") is not null => new MediaRssFeed("", channel),
                _ => new Rss20Feed("", channel),
            },
            _ => null,
        };
        return feed?.ToFeed();
    }

    private static ParsedFeed ReadRss(Feed feed)
    {
        var feedLink = FeedText.HttpLink(feed.Link);
        var isGoogleNews = ParsedFeed.IsGoogleNewsLink(feedLink);
        var items = new List<ParsedItem>();
        var dropped = 0;
        foreach (var item in feed.Items)
        {
            var element = item.SpecificItem.Element;
            var guid = NullIfEmpty(item.Id);
            var guidIsLink = element.Elements().FirstOrDefault(e => e.Name.LocalName == "guid")?.Attribute("isPermaLink")?.Value != "false";
            var link = FeedText.HttpLink(item.Link) ?? (guidIsLink ? FeedText.HttpLink(guid) : null);
            var source = SourceOf(item.SpecificItem);
            var sourceName = NullIfEmpty(FeedText.Clean(source?.Value));
            var sourceUrl = FeedText.HttpLink(source?.Url);
            var (headline, outletFromTitle) = SplitHeadline(FeedText.Clean(item.Title), sourceName, isGoogleNews);
            if (link is null || headline.Length == 0)
            {
                dropped++;
                continue;
            }
            var published = FeedDates.Parse(element.Element(HiddenDates + "pubDate")?.Value ?? element.Element(HiddenDates + "date")?.Value);
            items.Add(new ParsedItem(guid, link, headline, sourceName ?? outletFromTitle, sourceUrl, published));
        }
        return new ParsedFeed(NullIfEmpty(FeedText.Clean(feed.Title)), NullIfEmpty(feed.Language?.Trim()), feedLink, items, dropped);
    }

    /// <summary>The item's &lt;source url="…"&gt;Outlet&lt;/source&gt;, as RSS 2.0 and MediaRSS (Google News) items carry it.</summary>
    private static FeedItemSource? SourceOf(BaseFeedItem item) => item switch
    {
        MediaRssFeedItem media => media.Source,
        Rss20FeedItem rss => rss.Source,
        _ => null,
    };

    private static ParsedFeed ReadAtom(Feed feed)
    {
        var root = feed.SpecificFeed.Element;
        var items = new List<ParsedItem>();
        var dropped = 0;
        foreach (var item in feed.Items)
        {
            var entry = item.SpecificItem.Element;
            var link = AtomLink(entry);
            var headline = FeedText.Clean(item.Title);
            if (link is null || headline.Length == 0)
            {
                dropped++;
                continue;
            }
            var atom = (AtomFeedItem)item.SpecificItem;
            var source = entry.Element(Atom + "source");
            items.Add(new ParsedItem(
                NullIfEmpty(atom.Id?.Trim()),
                link,
                headline,
                NullIfEmpty(FeedText.Clean(source?.Element(Atom + "title")?.Value)),
                source is null ? null : AtomLink(source),
                FeedDates.Parse(entry.Element(HiddenDates + "published")?.Value ?? entry.Element(HiddenDates + "updated")?.Value)));
        }
        var language = root.Attribute(XNamespace.Xml + "lang")?.Value;
        return new ParsedFeed(NullIfEmpty(FeedText.Clean(feed.Title)), NullIfEmpty(language), AtomLink(root), items, dropped);
    }

    private static string? AtomLink(XElement element) =>
        element.Elements(Atom + "link")
            .Where(l => (string?)l.Attribute("rel") is null or "alternate")
            .Select(l => FeedText.HttpLink(l.Attribute("href")?.Value))
            .FirstOrDefault(l => l is not null);

    /// <summary>Google titles are "Headline - Outlet": drop the suffix, naming the outlet from it when &lt;source&gt; is missing.</summary>
    private static (string Headline, string? Outlet) SplitHeadline(string title, string? sourceName, bool isGoogleNews)
    {
        if (sourceName is not null && title.EndsWith(" - " + sourceName, StringComparison.Ordinal) && title.Length > sourceName.Length + 3)
            return (title[..^(sourceName.Length + 3)].TrimEnd(), null);
        if (sourceName is null && isGoogleNews)
        {
            var cut = title.LastIndexOf(" - ", StringComparison.Ordinal);
            if (cut > 0) return (title[..cut].TrimEnd(), title[(cut + 3)..].Trim());
        }
        return (title, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
