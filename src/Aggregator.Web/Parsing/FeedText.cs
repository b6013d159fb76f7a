using System.Net;
using System.Text.RegularExpressions;

namespace Aggregator.Parsing;

/// <summary>
/// Turns feed text into plain text: entities decoded (also when escaped twice), control characters (C0, DEL, C1)
/// and tags dropped, spaces collapsed. Control characters would break the XML of the Atom export and YAML front matter.
/// </summary>
public static partial class FeedText
{
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var text = raw;
        // Titles are often HTML-escaped on top of XML escaping ("&amp;#39;"): decode until stable, at most twice.
        for (var i = 0; i < 2 && text.Contains('&'); i++) text = WebUtility.HtmlDecode(text);
        text = ControlCharacters().Replace(text, " ");
        text = Tags().Replace(text, " ");
        return Whitespace().Replace(text, " ").Trim();
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

    [GeneratedRegex(@"\p{Cc}")]
    private static partial Regex ControlCharacters();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
