using System.Xml;
using System.Xml.Linq;

namespace Aggregator.Parsing;

/// <summary>
/// The hardened pass every feed goes through before any feed library sees it: a streaming XmlReader with DTDs
/// prohibited (so no entity expansion and no external entities), no resolver, a size cap and a nesting cap. Only a
/// document that reads cleanly to its end passes, as a tree built by the same hardened reader.
/// </summary>
public static class XmlGate
{
    /// <summary>Feeds nest a handful of elements deep; thousands of levels is an attack on the parsers after us.</summary>
    public const int MaxDepth = 64;

    /// <summary>The document when <paramref name="xml"/> is safe to hand on, else why it is not.</summary>
    public static (XDocument? Document, FeedParseError? Error) Read(string xml, int maxCharacters, CancellationToken cancellationToken = default)
    {
        try
        {
            // Streamed first, so a document nested too deep is refused before any tree is built from it.
            using (var reader = CreateReader(xml, maxCharacters))
                for (var nodes = 0; reader.Read(); nodes++)
                {
                    if (reader.Depth > MaxDepth)
                        return (null, new FeedParseError(FeedParseErrorKind.TooDeep, $"elements are nested more than {MaxDepth} deep"));
                    if (nodes % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
                }
            using var loader = CreateReader(xml, maxCharacters);
            return (XDocument.Load(loader, LoadOptions.None), null);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new FeedParseError(FeedParseErrorKind.DtdProhibited, "the feed declares a DTD, which is not allowed"));
        }
        catch (XmlException e)
        {
            return (null, new FeedParseError(FeedParseErrorKind.Malformed, $"malformed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}"));
        }
    }

    private static XmlReader CreateReader(string xml, int maxCharacters) => XmlReader.Create(new StringReader(xml), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    });
}
