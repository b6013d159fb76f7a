using System.Globalization;
using System.Text;

namespace Aggregator.Classification;

/// <summary>
/// Recognises the items Google News returns that are an outlet's own pages, not articles: its home page ("CGTN |
/// Breaking News, China News, World News and Video"), an edition or section ("Global Edition - China Daily", "Print
/// Edition | Wall Street Journal", "Current magazine"). Such a title names the outlet and what kind of page it is, and
/// nothing else: once the outlet's name is taken out, only words that name pages are left. A headline reports
/// something, so it always has a word of its own (a name, a verb, a figure).
/// </summary>
public static class OutletPages
{
    /// <summary>A page's name is short: a title longer than this is a headline whatever its words.</summary>
    public const int MaxWords = 10;

    /// <summary>Words that name an outlet's pages, its editions and sections, and the words that join them.</summary>
    private static readonly HashSet<string> PageWords = new(StringComparer.Ordinal)
    {
        "a", "and", "the", "of", "on", "in", "for", "from", "to", "at", "by", "your", "our", "all", "more",
        "home", "homepage", "page", "front", "main", "index", "official", "website", "site", "portal", "online", "web",
        "news", "breaking", "latest", "top", "headlines", "stories", "story", "today", "daily", "weekly", "updates", "live",
        "world", "international", "global", "china", "chinese", "national", "local", "english", "edition", "editions",
        "print", "digital", "current", "issue", "issues", "magazine", "newspaper", "paper", "epaper", "e",
        "video", "videos", "photos", "pictures", "podcast", "podcasts", "audio", "newsletter", "newsletters",
        "section", "sections", "topics", "topic", "archive", "archives", "opinion", "opinions", "columns", "blogs",
        "business", "finance", "markets", "economy", "politics", "tech", "technology", "science", "sports", "culture",
        "lifestyle", "travel", "entertainment", "health", "subscribe", "subscription", "login", "sign", "search",
        "information", "info", "media", "network", "channel", "tv", "radio", "press", "agency",
    };

    /// <summary>Whether <paramref name="title"/> is the name of a page of the outlet named <paramref name="outletNames"/>.</summary>
    public static bool IsOutletPage(string title, params string?[] outletNames)
    {
        // A headline is read only as far as tells it from a page's name.
        var words = Words(title, MaxWords + 1);
        if (words.Count == 0 || words.Count > MaxWords) return false;
        var outlet = new HashSet<string>(outletNames.Where(n => !string.IsNullOrWhiteSpace(n)).SelectMany(n => Words(n!)), StringComparer.Ordinal);
        var own = words.Where(w => !outlet.Contains(w)).ToList();
        return own.All(PageWords.Contains);
    }

    private static List<string> Words(string text, int max = int.MaxValue)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (words.Count >= max) break;
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
            else if (c is '\'' or '’' && word.Length > 0) continue;
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
    }
}
