namespace Aggregator.Pages.Shared;

/// <summary>
/// One article as reader pages list it: side badge, headline linked when safe, outlet, provisional mark, time (or only
/// the day, where the list is of one day's articles), and its lead paragraph below when its page was read.
/// </summary>
public sealed record ArticleLine(string Headline, string Link, string Outlet, Model.Side Side, string SideName, bool Provisional, DateTimeOffset? PublishedAt = null,
    string? Language = null, bool DayOnly = false, string? Lead = null)
{
    /// <summary>The headline's language when it is not the pages' own (English): marked, and given as the element's lang.</summary>
    public string? OtherLanguage => Language is { Length: > 0 } code && code != "en" ? code : null;

    public string OtherLanguageName => OtherLanguage is { } code ? Classification.ArticleLanguages.NameOf(code) : "";
}
