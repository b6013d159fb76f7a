using Aggregator.Model;
namespace Aggregator.Classification;

/// <summary>
/// The language of an article: from the script its headline is written in (Chinese, Japanese, Korean), otherwise the
/// language of the feed's edition ("en-US" → "en"). Feeds of one edition carry headlines in other scripts: Google's
/// English results for China hold People's Daily and Caixin headlines in Chinese.
/// </summary>
public static class ArticleLanguages
{
    public const int MaxLength = 8;

    public static string Of(string headline, string locale)
    {
        if (Scripts.IsWrittenInCjk(headline))
        {
            var (han, kana, hangul) = (0, 0, 0);
            foreach (var c in headline)
            {
                if (c is >= '\u3040' and <= '\u30ff') kana++;
                else if (c is >= '\uac00' and <= '\ud7af') hangul++;
                else if (Scripts.IsCjk(c)) han++;
            }
            return hangul > 0 && hangul >= han ? "ko" : kana > 0 ? "ja" : "zh";
        }
        var language = locale.Split('-', '_')[0].Trim().ToLowerInvariant();
        return language.Length is > 0 and <= MaxLength ? language : "en";
    }

    /// <summary>The English name of a language code ("zh" → "Chinese"), or the code when the runtime knows none.</summary>
    public static string NameOf(string code) =>
        System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.NeutralCultures)
            .FirstOrDefault(c => c.TwoLetterISOLanguageName == code)?.EnglishName ?? code;
}
