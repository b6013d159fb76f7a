using System.Text;

namespace Aggregator.Fetching;

/// <summary>
/// Google News article links (<c>news.google.com/rss/articles/&lt;id&gt;</c>) and the publisher's URL inside older ids,
/// read without a request. The protocol, and how newer ids are resolved, is in docs/publisher-links.md.
/// </summary>
public static class GoogleNewsLinks
{
    /// <summary>The article id of a Google News article link, or null for any other link.</summary>
    public static string? ArticleId(string link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || !uri.Host.Equals("news.google.com", StringComparison.OrdinalIgnoreCase)) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[^2] is "articles" or "read" && segments[^1].Length is > 0 and <= 2_000 ? segments[^1] : null;
    }

    /// <summary>
    /// The publisher's http(s) URL an older id carries (URL-safe base64 of a small protobuf: 0x08 0x13, then field 4,
    /// a length-prefixed string holding the URL), or null when the id does not carry one (ids since 2024 begin their
    /// payload with "AU_yqL" and need Google's own lookup).
    /// </summary>
    public static string? DecodeOffline(string id)
    {
        var bytes = FromBase64Url(id);
        if (bytes is not { Length: > 3 } || bytes[0] != 0x08 || bytes[1] != 0x13 || bytes[2] != 0x22) return null;
        var (length, read) = Varint(bytes, 3);
        if (read == 0 || length <= 0 || 3 + read + length > bytes.Length) return null;
        var text = Encoding.UTF8.GetString(bytes, 3 + read, (int)length);
        if (text.StartsWith("AU_yqL", StringComparison.Ordinal)) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url.AbsoluteUri : null;
    }

    private static byte[]? FromBase64Url(string id)
    {
        var base64 = id.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    private static (long Value, int Read) Varint(byte[] bytes, int at)
    {
        long value = 0;
        for (var i = 0; i < 5 && at + i < bytes.Length; i++)
        {
            value |= (long)(bytes[at + i] & 0x7F) << (7 * i);
            if ((bytes[at + i] & 0x80) == 0) return (value, i + 1);
        }
        return (0, 0);
    }
}
