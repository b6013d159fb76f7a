using System.Text;
using Aggregator.Model;

namespace Aggregator.Fetching;

/// <summary>Where a feed is fetched from.</summary>
public static class FeedUrls
{
    /// <summary>
    /// Google News RSS search: the query percent-encoded as one value (quotes, OR, when:1d, non-ASCII all survive),
    /// and the edition "en-US" spelled as hl=en-US&amp;gl=US&amp;ceid=US:en.
    /// </summary>
    public static Uri GoogleNewsSearch(string baseUrl, string query, string edition)
    {
        var parts = edition.Split('-', 2);
        var language = parts[0].ToLowerInvariant();
        var country = parts.Length > 1 ? parts[1].ToUpperInvariant() : "US";
        var hl = parts.Length > 1 ? $"{language}-{country}" : language;
        return new Uri($"{baseUrl.TrimEnd('/')}/rss/search?q={Uri.EscapeDataString(query)}&hl={hl}&gl={country}&ceid={country}:{language}");
    }

    public static Uri For(Feed feed, FetchOptions options) => feed.Kind switch
    {
        FeedKind.GoogleNews => GoogleNewsSearch(options.GoogleNewsBaseUrl, feed.Query ?? "", feed.Edition ?? "en-US"),
        _ => new Uri(feed.Url ?? throw new InvalidOperationException($"Feed {feed.Id} has no URL.")),
    };

    /// <summary>"US–China relations" → "us-china-relations": the feed's file name in a replay directory.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-' && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
