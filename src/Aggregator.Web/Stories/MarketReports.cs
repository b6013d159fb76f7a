using System.Text.RegularExpressions;

namespace Aggregator.Stories;

/// <summary>
/// A market report's headline: its subject is a market and its verb the market's move ("Shares retreat as techs extend
/// losses, US strikes on Iran lift oil"; "Dollar holds steady as US-Iran tensions loom"). The events it names are the
/// causes it gives for the move, so it shares their words without being their story; the engine keeps it from making
/// a story two-sided unless the other side's headlines are market reports too.
/// </summary>
public static partial class MarketReports
{
    public static bool Is(string headline) => Shape().IsMatch(headline);

    [GeneratedRegex("""
        ^(?:(?:asian?|asia-pacific|chinese|china|mainland|hong\s+kong|beijing|shanghai|shenzhen|taiwan(?:ese)?|
             (?:south\s+)?korean?|japan(?:ese)?|tokyo|indian?|global|world|us|u\.s\.|american|european?|london|
             emerging(?:[-\s]market)?|gulf|tech|bank|chip|offshore|onshore)\s+)?
        (?:shares|stocks|equities|bonds?|bond\s+yields|yields|treasuries|dollar|yuan|yen|euro|sterling|rupee|currencies|
           oil(?:\s+prices)?|crude|brent|gold|copper|iron\s+ore|futures|markets|wall\s+street|nikkei|hang\s+seng|kospi|
           s&p\s+500|nasdaq|dow|ftse|stoxx)\s+
        (?:rise|rises|rose|fall|falls|fell|slip|slips|slide|slides|retreat|retreats|climb|climbs|gain|gains|drop|drops|
           dip|dips|edge|edges|hold|holds|steady|steadies|jump|jumps|surge|surges|sink|sinks|slump|slumps|rally|rallies|
           tumble|tumbles|extend|extends|rebound|rebounds|recover|recovers|plunge|plunges|soar|soars|firm|firms|ease|
           eases|weaken|weakens|strengthen|strengthens|walk|walks|hit|hits|head|heads|track|tracks|trade|trades|
           wobble|wobbles|stall|stalls|swing|swings|struggle|struggles|waver|wavers|sag|sags|skid|skids|advance|
           advances|decline|declines|open|opens|close|closes|end|ends|finish|finishes|mixed|flat|higher|lower|up|down)\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
