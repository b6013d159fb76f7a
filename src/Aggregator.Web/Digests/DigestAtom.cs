using System.Text;
using System.Xml;
using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>An Atom feed of a topic's digests, one entry per day (its latest version), newest first.</summary>
public static class DigestAtom
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static string Render(Topic topic, IReadOnlyList<Digest> digests, Uri siteRoot)
    {
        var topicUrl = new Uri(siteRoot, $"/topics/{topic.Slug}");
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(new Utf8StringWriter(output), new XmlWriterSettings { Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteElementString("title", AtomNs, XmlText($"{topic.Name} — daily digest"));
            xml.WriteElementString("id", AtomNs, topicUrl.AbsoluteUri);
            xml.WriteElementString("updated", AtomNs, Timestamp(digests.Count > 0 ? digests.Max(d => d.GeneratedAt) : topic.CreatedAt));
            Link(xml, topicUrl.AbsoluteUri, "alternate", "text/html");
            Link(xml, new Uri(siteRoot, $"/topics/{topic.Slug}/feed.atom").AbsoluteUri, "self", "application/atom+xml");
            // RFC 4287 wants an author on the feed when entries have none: the site that writes the digests.
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "Aggregator");
            xml.WriteElementString("uri", AtomNs, siteRoot.AbsoluteUri);
            xml.WriteEndElement();
            foreach (var digest in digests)
            {
                var url = new Uri(siteRoot, $"/topics/{topic.Slug}/{digest.Date:yyyy-MM-dd}").AbsoluteUri;
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("title", AtomNs, XmlText(digest.Title));
                xml.WriteElementString("id", AtomNs, url);
                xml.WriteElementString("updated", AtomNs, Timestamp(digest.GeneratedAt));
                xml.WriteElementString("published", AtomNs, Timestamp(digest.WindowEnd));
                Link(xml, url, "alternate", "text/html");
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(ContentHtml(digest));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return output.ToString();
    }

    /// <summary>The highlights as HTML, every text encoded (the XML writer then escapes the HTML itself).</summary>
    private static string ContentHtml(Digest digest)
    {
        var html = new StringBuilder("<ul>");
        foreach (var h in digest.Highlights.Where(h => h.Side is null).OrderBy(h => h.Position))
            html.Append("<li>").Append(System.Net.WebUtility.HtmlEncode(XmlText(h.Text))).Append("</li>");
        html.Append("</ul><p>").Append(digest.Articles.Count).Append(" articles, ").Append(digest.PerSideCount).Append(" per side.</p>");
        return html.ToString();
    }

    private static void Link(XmlWriter xml, string href, string rel, string type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>Text without the characters XML cannot carry (stored before feed text was cleaned of them), which would fail the whole feed.</summary>
    private static string XmlText(string text) => text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(XmlConvert.IsXmlChar).ToArray());

    private static string Timestamp(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>
    /// A writer whose declaration says UTF-8, the encoding the response is sent in. (An XmlWriter over a plain
    /// StringWriter declares UTF-16, whatever its settings say, and strict parsers then refuse the UTF-8 bytes.)
    /// </summary>
    private sealed class Utf8StringWriter(StringBuilder output) : StringWriter(output)
    {
        public override Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }
}
