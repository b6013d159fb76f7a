using System.Xml;
using System.Xml.Linq;

namespace Aggregator.Parsing;

/// <summary>
/// RSS 2.0 / RSS 1.0 / Atom bytes to a <see cref="ParsedFeed"/>: a pure function, no I/O. The XML reader is hardened
/// (DTDs prohibited, no resolver, bounded size), so XXE and entity-expansion attacks fail fast.
/// </summary>
public static class FeedParser
{
    /// <summary>The size cap when the caller names none; also the default of the fetcher's body cap (Fetching:MaxBodyBytes).</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public static FeedParseResult Parse(ReadOnlySpan<byte> bytes, int maxBytes = DefaultMaxBytes)
    {
        if (bytes.Length > maxBytes)
            return FeedParseResult.Failure(FeedParseErrorKind.TooLarge, $"the feed is over the {maxBytes:N0}-byte limit");

        var text = FeedDecoding.Decode(bytes);
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.IsEmpty) return FeedParseResult.Failure(FeedParseErrorKind.Empty, "the response body is empty");
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return FeedParseResult.Failure(FeedParseErrorKind.HtmlPage, "received an HTML page, not a feed");
        if (start[0] != '<') return FeedParseResult.Failure(FeedParseErrorKind.Malformed, "the body is not XML");

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(start.ToString()), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = maxBytes,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return FeedParseResult.Failure(FeedParseErrorKind.DtdProhibited, "the feed declares a DTD, which is not allowed");
        }
        catch (XmlException e)
        {
            return FeedParseResult.Failure(FeedParseErrorKind.Malformed, $"malformed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }

        var root = document.Root!;
        return root.Name.LocalName switch
        {
            "rss" => FeedParseResult.Success(ReadRss(root.Element("channel") ?? root, root.Element("channel")?.Elements("item") ?? [])),
            "RDF" => FeedParseResult.Success(ReadRss(root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root,
                root.Elements().Where(e => e.Name.LocalName == "item"))),
            "feed" when root.Name.Namespace == Atom => FeedParseResult.Success(ReadAtom(root)),
            _ => FeedParseResult.Failure(FeedParseErrorKind.UnknownFormat, $"<{root.Name.LocalName}> is neither RSS nor Atom"),
        };
    }

    private static ParsedFeed ReadRss(XElement channel, IEnumerable<XElement> itemElements)
    {
        var feedLink = FeedText.HttpLink(Child(channel, "link"));
        var isGoogleNews = ParsedFeed.IsGoogleNewsLink(feedLink);
        var items = new List<ParsedItem>();
        var dropped = 0;
        foreach (var item in itemElements)
        {
            var guid = NullIfEmpty(Child(item, "guid"));
            var guidIsLink = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid")?.Attribute("isPermaLink")?.Value != "false";
            var link = FeedText.HttpLink(Child(item, "link")) ?? (guidIsLink ? FeedText.HttpLink(guid) : null);
            var source = item.Elements().FirstOrDefault(e => e.Name.LocalName == "source");
            var sourceName = NullIfEmpty(FeedText.Clean(source?.Value));
            var sourceUrl = FeedText.HttpLink(source?.Attribute("url")?.Value);
            var (headline, outletFromTitle) = SplitHeadline(FeedText.Clean(Child(item, "title")), sourceName, isGoogleNews);
            if (link is null || headline.Length == 0)
            {
                dropped++;
                continue;
            }
            var published = FeedDates.Parse(Child(item, "pubDate") ?? item.Element(DublinCore + "date")?.Value);
            items.Add(new ParsedItem(guid, link, headline, sourceName ?? outletFromTitle, sourceUrl, published));
        }
        return new ParsedFeed(NullIfEmpty(FeedText.Clean(Child(channel, "title"))), NullIfEmpty(Child(channel, "language")?.Trim()), feedLink, items, dropped);
    }

    private static ParsedFeed ReadAtom(XElement feed)
    {
        var items = new List<ParsedItem>();
        var dropped = 0;
        var feedLink = AtomLink(feed);
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var link = AtomLink(entry);
            var headline = FeedText.Clean(entry.Element(Atom + "title")?.Value);
            if (link is null || headline.Length == 0)
            {
                dropped++;
                continue;
            }
            var source = entry.Element(Atom + "source");
            items.Add(new ParsedItem(
                NullIfEmpty(entry.Element(Atom + "id")?.Value.Trim()),
                link,
                headline,
                NullIfEmpty(FeedText.Clean(source?.Element(Atom + "title")?.Value)),
                source is null ? null : AtomLink(source),
                FeedDates.Parse(entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value)));
        }
        var language = feed.Attribute(XNamespace.Xml + "lang")?.Value;
        return new ParsedFeed(NullIfEmpty(FeedText.Clean(feed.Element(Atom + "title")?.Value)), NullIfEmpty(language), feedLink, items, dropped);
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

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
