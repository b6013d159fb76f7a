namespace Aggregator.Model;

/// <summary>The writing systems text is in, as far as the app needs to tell: Chinese, Japanese and Korean from the rest.</summary>
public static class Scripts
{
    /// <summary>
    /// Whether a headline is written in Chinese, Japanese or Korean: its CJK characters outnumber its words in other
    /// letters. A CJK character carries about a word, so "OpenRouter 的悖论" is Chinese and "Xi meets 习近平 fans in
    /// Paris" is English.
    /// </summary>
    public static bool IsWrittenInCjk(string headline)
    {
        var (cjk, words, inWord) = (0, 0, false);
        foreach (var c in headline)
        {
            if (IsCjk(c)) (cjk, inWord) = (cjk + 1, false);
            else if (char.IsLetter(c)) (words, inWord) = (inWord ? words : words + 1, true);
            else inWord = false;
        }
        return cjk > words;
    }

    public static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30ff' // kana
          or >= '\u3400' and <= '\u4dbf' // CJK extension A
          or >= '\u4e00' and <= '\u9fff' // CJK unified ideographs
          or >= '\uac00' and <= '\ud7af' // Hangul syllables
          or >= '\uf900' and <= '\ufaff'; // CJK compatibility ideographs
}
