using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Parsing;

/// <summary>Reads the dates real feeds write: RFC 822 in its many dialects, and ISO 8601 for Atom.</summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, string> ZoneOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+0000", ["UTC"] = "+0000", ["GMT"] = "+0000", ["Z"] = "+0000",
        ["EST"] = "-0500", ["EDT"] = "-0400", ["CST"] = "-0600", ["CDT"] = "-0500",
        ["MST"] = "-0700", ["MDT"] = "-0600", ["PST"] = "-0800", ["PDT"] = "-0700",
        ["BST"] = "+0100", ["CET"] = "+0100", ["CEST"] = "+0200", ["HKT"] = "+0800",
        ["SGT"] = "+0800", ["JST"] = "+0900", ["KST"] = "+0900", ["IST"] = "+0530",
        ["AEST"] = "+1000", ["AEDT"] = "+1100",
    };

    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy HH:mm:ss zzzz", "d MMM yyyy HH:mm zzzz", "d MMM yy HH:mm:ss zzzz", "d MMM yy HH:mm zzzz",
        "d MMMM yyyy HH:mm:ss zzzz", "d MMM yyyy HH:mm:ss", "d MMM yyyy",
    ];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Most feeds (Google News among them) write RFC 1123 exactly: read it without the dialect handling below.
        if (DateTimeOffset.TryParseExact(text.AsSpan().Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
            return exact.ToUniversalTime();
        var value = Whitespace().Replace(text.Trim(), " ");

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso)
            && LooksIso(value))
            return iso.ToUniversalTime();

        // Drop the weekday ("Mon, "), which is often wrong or in another language, and name the zone as an offset.
        var withoutDay = LeadingWeekday().Replace(value, "");
        var zone = TrailingZone().Match(withoutDay);
        if (zone.Success)
        {
            var name = zone.Groups["zone"].Value;
            var offset = ZoneOffsets.TryGetValue(name, out var known) ? known
                : (name.StartsWith('+') || name.StartsWith('-')) ? name.Replace(":", "") : null;
            if (offset is not null)
            {
                withoutDay = withoutDay[..zone.Index] + " " + offset[..3] + ":" + offset[3..];
            }
        }
        if (DateTimeOffset.TryParseExact(withoutDay.Trim(), Rfc822Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var rfc))
            return rfc.ToUniversalTime();

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose)
            ? loose.ToUniversalTime()
            : null;
    }

    private static bool LooksIso(string value) => value.Length >= 10 && char.IsDigit(value[0]) && value[4] == '-';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z]{2,10}\.?,?\s+")]
    private static partial Regex LeadingWeekday();

    [GeneratedRegex(@"\s(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$")]
    private static partial Regex TrailingZone();
}
