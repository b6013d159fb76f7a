using System.Text.RegularExpressions;
using Aggregator.Model;

namespace Aggregator.Extraction;

/// <summary>
/// What an article page gives a reader: its text, or why it gives none. A paywalled page says so in its structured data
/// (<c>"isAccessibleForFree": false</c>) or shows a subscription offer where the article would be; either way, what is
/// left after extraction is too short to be the article. A pure function of the page and its extraction.
/// </summary>
public static partial class PageTextOutcome
{
    /// <summary>Fewer words than this is not an article's text (a teaser, a stub, a cookie wall).</summary>
    public const int MinWords = 60;

    public static (string Status, string? Failure) Of(string html, ExtractedArticle extracted)
    {
        var paywalled = NotFree().IsMatch(html);
        if (extracted.WordCount >= MinWords && !(paywalled && extracted.WordCount < 2 * MinWords)) return (ArticleTextStatuses.Fetched, null);
        if (paywalled || SubscriptionOffer().IsMatch(extracted.Text) || SubscriptionOffer().IsMatch(html))
            return (ArticleTextStatuses.Paywall, $"a subscription page: {extracted.WordCount} words of text where the article would be");
        return (ArticleTextStatuses.NoText, $"no article text found ({extracted.WordCount} words)");
    }

    [GeneratedRegex("""["']isAccessibleForFree["']\s*:\s*["']?false""", RegexOptions.IgnoreCase)]
    private static partial Regex NotFree();

    [GeneratedRegex(@"\b(subscribe (now )?to (continue|read|keep) reading|subscribers only|for subscribers|already a subscriber|to continue reading,? (please )?(subscribe|log ?in|sign ?in)|this (article|content) is (available )?(only )?for (paying )?subscribers|start your (free )?(trial|subscription))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionOffer();
}
