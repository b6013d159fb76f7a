using AngleSharp.Html.Parser;
using SmartReader;

namespace Aggregator.Extraction;

/// <summary>The main text of an article page, as paragraphs.</summary>
public sealed record ExtractedArticle(IReadOnlyList<string> Paragraphs)
{
    public string Text => string.Join("\n\n", Paragraphs);
    public string? Lead => Paragraphs.FirstOrDefault(p => p.Length >= ArticleCleaner.LeadMinLength) ?? Paragraphs.FirstOrDefault();
    public int WordCount => Paragraphs.Sum(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
}

/// <summary>
/// Article page HTML → its main text: a pure function, no I/O. Boilerplate the page marks as such (navigation, figures
/// and captions, share and newsletter boxes, related-story lists) is taken out first; SmartReader (a port of Mozilla's
/// Readability) then finds the article's container; <see cref="ArticleCleaner"/> reads its paragraphs and drops the
/// lines that are not the article (date lines, credits, "Advert", "Read more" tails, repeats).
/// </summary>
public static class ArticleExtractor
{
    /// <summary>Stored with each extraction, so a better extractor can redo older ones.</summary>
    public const string Version = "smartreader-0.11.1+clean-1";

    private static readonly Uri NoAddress = new("https://example.invalid/");

    public static ExtractedArticle Extract(string html, Uri? url = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        ArticleCleaner.RemoveMarkedBoilerplate(document);
        // Readability's own "is this readable" guess only decides whether to try: a short page is still its own text.
        using var reader = new Reader((url ?? NoAddress).ToString(), document) { ContinueIfNotReadable = true };
        var article = reader.GetArticle();
        return new ExtractedArticle(article.Content is { Length: > 0 } content
            ? ArticleCleaner.Paragraphs(new HtmlParser().ParseFragment(content, document.Body!))
            : []);
    }
}
