using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;

namespace Aggregator.Parsing;

/// <summary>
/// Feed bytes to a <see cref="ParsedFeed"/>: a pure function, no I/O. The bytes are decoded and must pass
/// <see cref="XmlGate"/> (DTDs prohibited, no resolver, size and depth caps), so XXE and entity-expansion attacks fail
/// fast; CodeHollow.FeedReader's feed classes then read RSS 0.9x/1.0/2.0, MediaRSS and Atom, a batch of items at a time, and
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

        var xml = start.ToString();
        if (XmlGate.Check(xml, maxBytes, cancellationToken) is { } refused) return new FeedParseResult(null, refused);
        return ReadPassedFeed(xml, maxBytes, cancellationToken);
    }

    /// <summary>
    /// Reads a document the gate passed, in one streaming pass. The root and its feed-level elements (an RSS channel's
    /// title, link, language…) stay in a small tree; items are read one at a time into it and handed to CodeHollow's
    /// feed class in batches, then dropped. A large feed is never one tree: building one, then CodeHollow's model of all
    /// of it, took most of the ingest's parsing (docs/performance.md).
    /// </summary>
    private static FeedParseResult ReadPassedFeed(string xml, int maxBytes, CancellationToken cancellationToken)
    {
        using var reader = XmlGate.CreateReader(xml, maxBytes);
        reader.Read();
        var declaration = reader.NodeType == XmlNodeType.XmlDeclaration ? new XDeclaration(reader["version"], reader["encoding"], reader["standalone"]) : null;
        reader.MoveToContent();
        var root = ShallowCopy(reader);
        // CodeHollow reads every value through element.Document (its declared encoding): the tree needs one.
        _ = new XDocument(declaration, root);
        var format = root.Name.LocalName.ToLowerInvariant();
        if (format is not ("rss" or "rdf" or "feed"))
            return FeedParseResult.Failure(FeedParseErrorKind.UnknownFormat, $"<{root.Name.LocalName}> is neither RSS nor Atom");

        var batch = new FeedBatch(root, format == "feed");
        try
        {
            ReadContainer(reader, root, batch, cancellationToken);
            batch.Flush();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            // CodeHollow reads what it expects to find (an RSS channel, say) without checking it is there.
            return FeedParseResult.Failure(FeedParseErrorKind.UnknownFormat, $"<{root.Name.LocalName}> could not be read as a feed ({e.GetType().Name})");
        }
        return FeedParseResult.Success(batch.Result());
    }

    /// <summary>
    /// Reads the children of a container (the root, or an RSS root's channel) whose start tag the reader is on and whose
    /// copy is in the tree: the channel is descended into, items go to the batch, anything else is kept whole.
    /// </summary>
    private static void ReadContainer(XmlReader reader, XElement container, FeedBatch batch, CancellationToken cancellationToken)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.IsChannel(container, reader.LocalName))
            {
                var channel = ShallowCopy(reader);
                container.Add(channel);
                batch.ChannelStarted(channel);
                ReadContainer(reader, channel, batch, cancellationToken);
                continue;
            }
            var element = (XElement)XNode.ReadFrom(reader);
            foreach (var date in element.DescendantsAndSelf().Where(e => DateElements.Contains(e.Name.LocalName)).ToList())
                date.Name = HiddenDates + date.Name.LocalName;
            container.Add(element);
            batch.Added(container, element);
        }
        reader.Read();
    }

    /// <summary>The element the reader is on, with its attributes (namespace declarations included) and no content.</summary>
    private static XElement ShallowCopy(XmlReader reader)
    {
        var element = new XElement(XNamespace.Get(reader.NamespaceURI) + reader.LocalName);
        while (reader.MoveToNextAttribute())
        {
            var name = reader.Prefix.Length == 0 && reader.LocalName == "xmlns" ? XName.Get("xmlns")
                : XNamespace.Get(reader.NamespaceURI) + reader.LocalName;
            element.Add(new XAttribute(name, reader.Value));
        }
        reader.MoveToElement();
        return element;
    }

    /// <summary>
    /// The items read so far and not yet handed on, and what CodeHollow made of the ones that were. Items are the
    /// children CodeHollow's feed classes read as items: &lt;item&gt; of an RSS channel or an RSS 1.0 root, &lt;entry&gt; of
    /// an Atom feed, in the container's default namespace.
    /// </summary>
    private sealed class FeedBatch(XElement root, bool isAtom)
    {
        private const int Size = 500;
        private readonly List<XElement> pending = [];
        private readonly List<RawItem> items = [];
        private Feed? feed;

        private readonly bool isRss = root.Name.LocalName.Equals("rss", StringComparison.OrdinalIgnoreCase);
        /// <summary>Where items are: an RSS root's first channel (once read), else the root.</summary>
        private XElement? itemContainer = root.Name.LocalName.Equals("rss", StringComparison.OrdinalIgnoreCase) ? null : root;

        /// <summary>An RSS root's first &lt;channel&gt;, as CodeHollow's FeedReader picks it, is read child by child.</summary>
        public bool IsChannel(XElement container, string localName) =>
            isRss && container == root && itemContainer is null && localName.Equals("channel", StringComparison.OrdinalIgnoreCase);

        public void ChannelStarted(XElement channel) => itemContainer = channel;

        public void Added(XElement container, XElement element)
        {
            if (container != itemContainer || element.Name != container.GetDefaultNamespace() + (isAtom ? "entry" : "item")) return;
            pending.Add(element);
            if (pending.Count == Size) Flush();
        }

        public void Flush()
        {
            feed = ReadWithCodeHollow(root) ?? throw new InvalidOperationException("not a feed");
            foreach (var item in feed.Items) items.Add(isAtom ? AtomItem(item) : RssItem(item));
            foreach (var element in pending) element.Remove();
            pending.Clear();
        }

        public ParsedFeed Result() => isAtom ? AtomResult(feed!, items) : RssResult(feed!, items);
    }

    /// <summary>An item as read, before Google's " - Outlet" suffix is split off (that needs the feed's link, read last).</summary>
    private sealed record RawItem(string? Guid, string? Link, string Title, string? SourceName, string? SourceUrl, DateTimeOffset? PublishedAt);

    /// <summary>
    /// CodeHollow's feed model built on the tree, choosing the feed class as CodeHollow's own FeedReader does (its entry
    /// points take text and parse it twice more). Null when the root is neither RSS nor Atom.
    /// </summary>
    private static Feed? ReadWithCodeHollow(XElement root)
    {
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

    private static RawItem RssItem(FeedItem item)
    {
        var element = item.SpecificItem.Element;
        var guid = NullIfEmpty(item.Id);
        var guidIsLink = element.Elements().FirstOrDefault(e => e.Name.LocalName == "guid")?.Attribute("isPermaLink")?.Value != "false";
        var link = FeedText.HttpLink(item.Link) ?? (guidIsLink ? FeedText.HttpLink(guid) : null);
        var source = SourceOf(item.SpecificItem);
        var published = FeedDates.Parse(element.Element(HiddenDates + "pubDate")?.Value ?? element.Element(HiddenDates + "date")?.Value);
        return new RawItem(guid, link, FeedText.Clean(item.Title), NullIfEmpty(FeedText.Clean(source?.Value)), FeedText.HttpLink(source?.Url), published);
    }

    private static ParsedFeed RssResult(Feed feed, IReadOnlyList<RawItem> raw)
    {
        var feedLink = FeedText.HttpLink(feed.Link);
        var isGoogleNews = ParsedFeed.IsGoogleNewsLink(feedLink);
        var items = new List<ParsedItem>(raw.Count);
        var dropped = 0;
        foreach (var item in raw)
        {
            var (headline, outletFromTitle) = SplitHeadline(item.Title, item.SourceName, isGoogleNews);
            if (item.Link is null || headline.Length == 0)
            {
                dropped++;
                continue;
            }
            items.Add(new ParsedItem(item.Guid, item.Link, headline, item.SourceName ?? outletFromTitle, item.SourceUrl, item.PublishedAt));
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

    private static RawItem AtomItem(FeedItem item)
    {
        var entry = item.SpecificItem.Element;
        var source = entry.Element(Atom + "source");
        return new RawItem(
            NullIfEmpty(((AtomFeedItem)item.SpecificItem).Id?.Trim()),
            AtomLink(entry),
            FeedText.Clean(item.Title),
            NullIfEmpty(FeedText.Clean(source?.Element(Atom + "title")?.Value)),
            source is null ? null : AtomLink(source),
            FeedDates.Parse(entry.Element(HiddenDates + "published")?.Value ?? entry.Element(HiddenDates + "updated")?.Value));
    }

    private static ParsedFeed AtomResult(Feed feed, IReadOnlyList<RawItem> raw)
    {
        var root = feed.SpecificFeed.Element;
        var items = raw.Where(i => i.Link is not null && i.Title.Length > 0)
            .Select(i => new ParsedItem(i.Guid, i.Link!, i.Title, i.SourceName, i.SourceUrl, i.PublishedAt)).ToList();
        var language = root.Attribute(XNamespace.Xml + "lang")?.Value;
        return new ParsedFeed(NullIfEmpty(FeedText.Clean(feed.Title)), NullIfEmpty(language), AtomLink(root), items, raw.Count - items.Count);
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
