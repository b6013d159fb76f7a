namespace Aggregator.Model;

/// <summary>The side an outlet is counted on. Unclassified outlets are kept out of digests until an admin decides.</summary>
public enum Alignment
{
    Unclassified,
    Us,
    China,
    Neutral,
}

public static class AlignmentCodes
{
    /// <summary>The lower-case code used in the database, exports and configuration ("us", "china", …).</summary>
    public static string ToCode(this Alignment alignment) => alignment switch
    {
        Alignment.Us => "us",
        Alignment.China => "china",
        Alignment.Neutral => "neutral",
        _ => "unclassified",
    };

    public static bool TryParse(string? code, out Alignment alignment)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "us": alignment = Alignment.Us; return true;
            case "china": alignment = Alignment.China; return true;
            case "neutral": alignment = Alignment.Neutral; return true;
            case "unclassified": alignment = Alignment.Unclassified; return true;
            default: alignment = Alignment.Unclassified; return false;
        }
    }

    public static Alignment Parse(string code) =>
        TryParse(code, out var alignment) ? alignment : throw new FormatException($"Unknown alignment '{code}'.");
}
