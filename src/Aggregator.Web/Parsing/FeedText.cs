using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Parsing;

/// <summary>
/// Turns feed text into plain text: entities decoded (also when escaped twice), control characters (C0, DEL, C1),
/// bidirectional overrides and tags dropped, spaces collapsed. Control characters would break the XML of the Atom export and YAML front matter.
/// </summary>
public static partial class FeedText
{
    /// <summary>
    /// Feed text longer than this is cut before cleaning: no column holds more than 4,096 characters, and cleaning a
    /// hostile megabyte-long title would only waste time.
    /// </summary>
    public const int MaxRawLength = 16 * 1024;

    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var text = raw.Length > MaxRawLength ? raw[..MaxRawLength] : raw;
        // Titles are often HTML-escaped on top of XML escaping ("&amp;#39;"): decode until stable, at most twice.
        for (var i = 0; i < 2 && text.Contains('&'); i++) text = WebUtility.HtmlDecode(text);
        // Most titles are plain already: each step runs only when the text holds what it removes.
        if (text.AsSpan().ContainsAny(Unusual) || text.Contains("  ", StringComparison.Ordinal))
        {
            text = ControlCharacters().Replace(text, " ");
            if (text.Contains('<')) text = StripTags(text);
            text = Whitespace().Replace(text, " ");
        }
        return text.Trim();
    }

    /// <summary>What <see cref="Clean"/> may have to remove: tags, C0/DEL/C1 controls, bidi marks, whitespace other than a space.</summary>
    private static readonly SearchValues<char> Unusual = SearchValues.Create(
        [
            '<', '\u007F', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000',
            .. Range('\u0000', '\u001F'), .. Range('\u0080', '\u009F'), .. Range('\u2000', '\u200A'),
            .. Range('\u202A', '\u202E'), .. Range('\u2066', '\u2069'),
        ]);

    private static IEnumerable<char> Range(char first, char last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);

    /// <summary>
    /// Drops every "&lt;…&gt;" in one pass: a "&lt;" with no "&gt;" after it ends the search, where a regular expression
    /// would try again from each of a million "&lt;" characters.
    /// </summary>
    private static string StripTags(string text)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('<', at);
            var close = open < 0 ? -1 : text.IndexOf('>', open + 1);
            if (close < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }
            result.Append(text, at, open - at).Append(' ');
            at = close + 1;
        }
        return result.ToString();
    }

    /// <summary>Only absolute http/https links survive; anything else (javascript:, data:, relative) is dropped.</summary>
    public static string? HttpLink(string? raw, Uri? baseUri = null)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            if (baseUri is null || !Uri.TryCreate(baseUri, text, out uri)) return null;
        }
        return uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host) ? uri.AbsoluteUri : null;
    }

    /// <summary>Control characters, and the bidirectional overrides and isolates that can make a name read as another.</summary>
    [GeneratedRegex(@"[\p{Cc}\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex ControlCharacters();


    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
