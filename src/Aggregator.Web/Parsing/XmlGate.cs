using System.Xml;

namespace Aggregator.Parsing;

/// <summary>
/// The hardened pass every feed goes through before any feed library sees it: a streaming XmlReader with DTDs
/// prohibited (so no entity expansion and no external entities), no resolver, a size cap and a nesting cap. Only a
/// document that reads cleanly to its end passes; the parser then reads it again with a reader built the same way.
/// </summary>
public static class XmlGate
{
    /// <summary>Feeds nest a handful of elements deep; thousands of levels is an attack on the parsers after us.</summary>
    public const int MaxDepth = 64;

    /// <summary>Null when <paramref name="xml"/> is safe to hand on, else why it is not.</summary>
    public static FeedParseError? Check(string xml, int maxCharacters, CancellationToken cancellationToken = default)
    {
        try
        {
            // Streamed to the end before anything is built from it: a document nested too deep, or malformed near its
            // end, is refused before a single item is read.
            using var reader = CreateReader(xml, maxCharacters);
            for (var nodes = 0; reader.Read(); nodes++)
            {
                if (reader.Depth > MaxDepth)
                    return new FeedParseError(FeedParseErrorKind.TooDeep, $"elements are nested more than {MaxDepth} deep");
                if (nodes % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return new FeedParseError(FeedParseErrorKind.DtdProhibited, "the feed declares a DTD, which is not allowed");
        }
        catch (XmlException e)
        {
            return new FeedParseError(FeedParseErrorKind.Malformed, $"malformed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
    }

    /// <summary>The hardened reader: the gate's own, and the one the parser reads a passed document with.</summary>
    public static XmlReader CreateReader(string xml, int maxCharacters) => XmlReader.Create(new StringReader(xml), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    });
}
