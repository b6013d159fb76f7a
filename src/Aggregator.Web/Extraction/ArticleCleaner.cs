using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Aggregator.Extraction;

/// <summary>
/// What is not the article, in two passes: elements the page itself marks as something else (by tag, role, class or
/// id) go before the article is found; then, of the article's paragraphs, the lines that are furniture go: date and
/// byline lines, credits, "Advert", calls to subscribe or share, repeated paragraphs, and everything after a
/// "Related / Latest news / You may also like" heading (the shapes the earlier system's scraped seeds show).
/// </summary>
public static partial class ArticleCleaner
{
    /// <summary>A lead shorter than this is more likely a kicker or a dateline than the first paragraph.</summary>
    public const int LeadMinLength = 80;

    /// <summary>A paragraph at least this long said again further down is a repeat; a shorter line may be structure.</summary>
    private const int RepeatedParagraphMinLength = 80;

    private static readonly string[] NeverArticle =
        ["script", "style", "noscript", "template", "nav", "aside", "footer", "button", "figure", "figcaption", "iframe", "svg", "select", "dialog"];

    /// <summary>Class and id words that name boilerplate, as a whole word or at either end of a compound ("share-bar").</summary>
    private static readonly HashSet<string> BoilerplateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "share", "sharing", "social", "related", "recommended", "recommendations",
        "newsletter", "subscribe", "subscription", "signup", "promo", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored",
        "comment", "comments", "byline", "author", "dateline", "timestamp", "caption", "credit", "credits", "copyright", "cookie",
        "cookies", "consent", "disclaimer", "popup", "modal", "toolbar", "tags", "trending", "outbrain", "taboola", "footer", "sidebar",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th", "hr", "address", "details", "summary",
    };

    public static void RemoveMarkedBoilerplate(IHtmlDocument document)
    {
        foreach (var element in document.QuerySelectorAll(string.Join(',', NeverArticle)).ToList()) element.Remove();
        foreach (var element in document.QuerySelectorAll("[hidden],[aria-hidden=true],[role=navigation],[role=complementary],[role=contentinfo],[role=banner]").ToList())
            element.Remove();
        foreach (var element in document.Body?.QuerySelectorAll("*").ToList() ?? [])
        {
            if (element.Parent is null || !IsMarkedBoilerplate(element)) continue;
            element.Remove();
        }
    }

    /// <summary>
    /// A class or id that names boilerplate, on an element that is not itself a likely article container (those names
    /// often carry "content" or "article" beside a modifier such as "has-comments").
    /// </summary>
    private static bool IsMarkedBoilerplate(IElement element)
    {
        if (element.LocalName is "body" or "html" or "main" or "article") return false;
        var names = element.ClassList.Append(element.Id ?? "").Where(n => n.Length > 0).ToList();
        if (names.Count == 0 || !names.Any(NamesBoilerplate)) return false;
        // A long stretch of prose under such a name is more likely the article in a badly named box than a share bar.
        var text = element.TextContent.Length;
        return text < 2_000 || LinkText(element) > text / 2;
    }

    private static bool NamesBoilerplate(string name)
    {
        var words = name.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && (BoilerplateWords.Contains(words[0]) || BoilerplateWords.Contains(words[^1]));
    }

    private static int LinkText(IElement element) => element.QuerySelectorAll("a").Sum(a => a.TextContent.Length);

    /// <summary>The article's paragraphs: block elements split paragraphs, whitespace is collapsed, furniture dropped.</summary>
    public static IReadOnlyList<string> Paragraphs(INodeList nodes)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var node in nodes) Walk(node, lines, current);
        Flush(lines, current);
        return Keep(lines);
    }

    private static void Walk(INode node, List<string> lines, StringBuilder current)
    {
        switch (node)
        {
            case IText text:
                current.Append(text.Data);
                return;
            case IElement element:
                var name = element.LocalName;
                if (name is "script" or "style" or "noscript" or "template") return;
                if (name == "br")
                {
                    Flush(lines, current);
                    return;
                }
                var block = Blocks.Contains(name);
                if (block) Flush(lines, current);
                foreach (var child in element.ChildNodes) Walk(child, lines, current);
                if (block) Flush(lines, current);
                return;
        }
    }

    private static void Flush(List<string> lines, StringBuilder current)
    {
        var line = Whitespace().Replace(current.ToString(), " ").Trim();
        current.Clear();
        if (line.Length > 0) lines.Add(line);
    }

    private static List<string> Keep(List<string> lines)
    {
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (TailHeading().IsMatch(line) && kept.Count > 0) break;
            if (IsFurniture(line)) continue;
            // A line said twice in a row (a headline repeated as the first heading) is said once; so is a paragraph said
            // again further down (a pull quote, a teaser). Short lines repeated apart are structure (a recipe's "Eat
            // every 2–3 hours" under each meal), and stay.
            if (kept.Count > 0 && kept[^1] == line) continue;
            if (line.Length >= RepeatedParagraphMinLength && !seen.Add(line)) continue;
            kept.Add(line);
        }
        return kept;
    }

    private static bool IsFurniture(string line) =>
        FurnitureLine().IsMatch(line) || DateLine().IsMatch(line) || Byline().IsMatch(line) || CreditLine().IsMatch(line);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Headings after which a page lists other stories, not this one.</summary>
    [GeneratedRegex(@"^(?:latest news|related (?:news|stories|articles|content|coverage)|related|more (?:news|stories|from [\w .]+)|you may also like\W*|you might also like\W*|recommended(?: for you| stories)?|most (?:read|popular)|trending(?: now)?|top stories|also on [\w .]+|want more stories like this\??)$", RegexOptions.IgnoreCase)]
    private static partial Regex TailHeading();

    [GeneratedRegex(@"^(?:advert(?:isement)?|ad|skip to (?:main )?content|sign in|log in|subscribe(?: now)?|share(?: this)?(?: (?:article|story))?|continue reading(?: below)?|read more|comments?|print|email|tweet|this slideshow requires javascript\.?|tell us what you think\W*|click here.*|.*\bby clicking here\.?|.*\bclick here for more information\.?|.*\bcookies? to improve your experience.*|this document is subject to copyright.*|citation:?|retrieved \d.*|updated|published)$", RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureLine();

    /// <summary>A line that is only a date or time, with "Updated"/"Published" and the like.</summary>
    [GeneratedRegex(@"^(?:(?:updated|published|posted|last updated|first published)(?: on| at)?:?\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?,?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s*(?:\d{4})?|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d+ (?:minutes?|hours?|days?|weeks?) ago)[\s,|•·-]*(?:(?:updated:?\s*)?.{0,30}\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    /// <summary>"By Name", "By Name - 11/18/19 11:04 PM EST", "By Name | Reuters".</summary>
    [GeneratedRegex(@"^[Bb][Yy]\s+[\p{Lu}][\w.'’-]*(?:\s+[\p{Lu}][\w.'’-]*){0,3}(?:(?:,| and| &)\s+[\p{Lu}][\w.'’-]*(?:\s+[\p{Lu}][\w.'’-]*){0,3})*(?:\s*[-|,•·]\s*.{0,60})?$")]
    private static partial Regex Byline();

    /// <summary>Photo credits and copyright lines: "© Name", "(AP Photo/…)", "Credit: ESA", "Image: Getty".</summary>
    [GeneratedRegex(@"^(?:©|\(c\)|copyright\b).{0,160}$|^\(?(?:photo|image|picture|credit|source|file photo)s?(?: credit)?\s*[:/].{0,80}$|.*\((?:AP|AFP|Reuters|Getty)(?: Photo| Images)?/[^)]*\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CreditLine();
}
