using System.Globalization;
using System.Text;
using Aggregator.Model;

namespace Aggregator.Stories;

/// <summary>
/// The content terms of a headline: lower-cased letter/digit runs of two or more characters without stop words, a
/// plural "s" folded; runs of Chinese, Japanese or Korean script become overlapping character pairs, since those
/// scripts do not separate words with spaces. Number words are written as digits ("seven" = "7"), so two outlets'
/// spellings of one figure meet.
/// </summary>
public static class HeadlineTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "is", "are",
        "was", "were", "be", "been", "its", "it", "this", "that", "these", "those", "into", "over", "after", "before",
        "about", "amid", "says", "say", "said", "new", "will", "would", "could", "can", "may", "has", "have", "had", "not",
        "no", "more", "than", "what", "why", "how", "who", "when", "where", "up", "out", "s", "us", "u", "my", "take", "vs",
        "his", "her", "their", "our", "we", "you", "they", "he", "she", "him", "them", "all", "any", "far", "set", "like",
        "just", "still", "also", "even", "two", "one", "first", "world", "get", "gets", "got", "do", "does", "did", "i", "me",
    };

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8",
        ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["dozen"] = "12", ["twenty"] = "20", ["hundred"] = "100",
        ["thousand"] = "1000", ["million"] = "million", ["bn"] = "billion", ["mn"] = "million", ["trillion"] = "trillion",
    };

    public static IReadOnlyList<string> Of(string headline)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in headline.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (Scripts.IsCjk(c) != (word.Length > 0 && Scripts.IsCjk(word[^1]))) Flush();
                word.Append(char.ToLowerInvariant(c));
            }
            else Flush();
        }
        Flush();
        return terms;

        void Flush()
        {
            if (word.Length == 0) return;
            var text = word.ToString();
            word.Clear();
            if (Scripts.IsCjk(text[0]))
            {
                if (text.Length == 1) Add(text);
                for (var i = 0; i + 1 < text.Length; i++) Add(text.Substring(i, 2));
                return;
            }
            if (NumberWords.TryGetValue(text, out var digits)) { Add(digits); return; }
            if (text.Length < 2 && !char.IsDigit(text[0]) || StopWords.Contains(text)) return;
            Add(text.Length > 4 && text.EndsWith('s') && !text.EndsWith("ss", StringComparison.Ordinal) ? text[..^1] : text);
        }

        void Add(string term)
        {
            if (seen.Add(term)) terms.Add(term);
        }
    }

}
