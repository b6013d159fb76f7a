using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Parsing;

/// <summary>
/// Bytes to text the way feeds need it: a BOM wins, then the XML declaration's encoding; text that claims UTF-8
/// (or claims nothing) but is not valid UTF-8 is read as Windows-1252, the usual mislabel.
/// </summary>
internal static partial class FeedDecoding
{
    static FeedDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom)) return StrictOrFallback(bytes[3..]);
        if (bytes.StartsWith(Utf16LittleEndianBom)) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith(Utf16BigEndianBom)) return Encoding.BigEndianUnicode.GetString(bytes[2..]);

        var declared = DeclaredEncoding(bytes);
        if (declared is null || declared.CodePage == Encoding.UTF8.CodePage) return StrictOrFallback(bytes);
        return declared.GetString(bytes);
    }

    private static string StrictOrFallback(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var match = EncodingAttribute().Match(head);
        if (!match.Success) return null;
        try
        {
            return Encoding.GetEncoding(match.Groups["name"].Value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*encoding\s*=\s*["'](?<name>[A-Za-z0-9._-]+)["']""")]
    private static partial Regex EncodingAttribute();
}
