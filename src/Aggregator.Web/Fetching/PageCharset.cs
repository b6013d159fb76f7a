using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Fetching;

/// <summary>
/// Decodes a page's bytes: by the charset the Content-Type header names, then the byte-order mark, then the page's own
/// <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration in its first 4 KB, then UTF-8. A name no encoding
/// answers to is passed over, not trusted.
/// </summary>
public static partial class PageCharset
{
    static PageCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] body, string? headerCharset)
    {
        var encoding = Named(headerCharset) ?? ByBom(body) ?? Named(Declared(body)) ?? Encoding.UTF8;
        var text = encoding.GetString(body);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static Encoding? Named(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim().Trim('"', '\''));
            // Browsers read pages labelled Latin-1 as windows-1252 (WHATWG Encoding): the labels mean the same bytes.
            return encoding.CodePage == 28591 ? Encoding.GetEncoding(1252) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? ByBom(byte[] body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static string? Declared(byte[] body)
    {
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 4096));
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
