namespace Aggregator.Model;

/// <summary>
/// The side an outlet, and so each of its articles, is counted on. Unclassified outlets are kept out of digests
/// until an admin decides; neutral ones stay out of both sides. (The registry files and the brief call this an
/// outlet's "alignment"; the digest exports call a topic's sides "perspectives".)
/// </summary>
public enum Side
{
    Unclassified,
    Us,
    China,
    Neutral,
}

public static class SideCodes
{
    /// <summary>The lower-case code used in the database, exports and configuration ("us", "china", …).</summary>
    public static string ToCode(this Side side) => side switch
    {
        Side.Us => "us",
        Side.China => "china",
        Side.Neutral => "neutral",
        _ => "unclassified",
    };

    public static bool TryParse(string? code, out Side side)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "us": side = Side.Us; return true;
            case "china": side = Side.China; return true;
            case "neutral": side = Side.Neutral; return true;
            case "unclassified": side = Side.Unclassified; return true;
            default: side = Side.Unclassified; return false;
        }
    }

    public static Side Parse(string code) =>
        TryParse(code, out var side) ? side : throw new FormatException($"Unknown side '{code}'.");
}

/// <summary>A side as a topic (or a digest, as published) names it.</summary>
public interface INamedSide
{
    Side Side { get; }
    string Name { get; }
}

public static class SideNames
{
    /// <summary>What a new topic calls its two sides until an admin renames them.</summary>
    public const string DefaultUs = "United States";
    public const string DefaultChina = "China";

    /// <summary>The name <paramref name="sides"/> give <paramref name="side"/>, else its code.</summary>
    public static string NameOf(this IEnumerable<INamedSide> sides, Side side) =>
        sides.FirstOrDefault(s => s.Side == side)?.Name ?? side.ToCode();
}
