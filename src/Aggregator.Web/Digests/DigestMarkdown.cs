using System.Globalization;
using System.Text;
using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>
/// The Markdown export, in exactly the structure of the earlier system's digests (shared/reference): YAML front
/// matter, overall highlights, &lt;!--more--&gt;, one section per perspective, and the numbered source list.
/// Feed text (headlines, outlet names, highlights drawn from them) is escaped so it can never become markup or a link,
/// and only http/https links are written, encoded so they cannot end early.
/// </summary>
public static class DigestMarkdown
{
    public static string Render(Digest digest)
    {
        var sides = digest.Sides.OrderBy(p => p.Position).ToList();
        var articles = digest.Articles.OrderBy(a => a.Position).ToList();
        var md = new StringBuilder();
        md.Append("---\n");
        md.Append("title: ").Append(Quote(digest.Title)).Append('\n');
        md.Append("date: ").Append(digest.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        md.Append("topic: ").Append(digest.TopicSlug).Append('\n');
        md.Append("topicName: ").Append(Quote(digest.TopicName)).Append('\n');
        md.Append("sources: [").Append(string.Join(", ", articles.Select(a => a.OutletName).Distinct().Select(Quote))).Append("]\n");
        md.Append("articleCount: ").Append(articles.Count).Append('\n');
        md.Append("perspectives:\n");
        foreach (var p in sides)
        {
            md.Append("  - id: ").Append(Quote(p.Side.ToCode())).Append('\n');
            md.Append("    name: ").Append(Quote(p.Name)).Append('\n');
            md.Append("    count: ").Append(p.ArticleCount).Append('\n');
        }
        foreach (var p in sides)
            md.Append(p.Side.ToCode()).Append("Sources: ").Append(p.ArticleCount).Append('\n');
        md.Append("draft: false\n");
        md.Append("---\n\n");

        md.Append("## Overall Highlights\n\n");
        Bullets(md, digest.Highlights.Where(h => h.Side is null), "No stories in this window.");
        md.Append("<!--more-->\n\n");
        foreach (var p in sides)
        {
            md.Append("## ").Append(EscapeText(p.Name)).Append(" Perspective (").Append(EscapeText(p.Name)).Append(" Sources)\n\n");
            // A side's list leaves out what the overall highlights quote and the stories both sides covered, and is as
            // long as the other sides' lists: it can be empty while some of the side's articles are only in the sources.
            Bullets(md, digest.Highlights.Where(h => h.Side == p.Side), p.ArticleCount == 0
                ? $"No {p.Name} articles in this window."
                : $"Nothing more for {p.Name} here: the overall highlights quote its main stories, and all its articles are in the sources.");
        }

        md.Append("## Sources\n\n");
        md.Append("This summary is based on ").Append(articles.Count).Append(" articles from the following sources:\n\n");
        foreach (var a in articles)
            md.Append(a.Position).Append(". ").Append(SourceLine(a)).Append('\n');
        return md.ToString();
    }

    /// <summary>"[en-US] [Headline](link) - Outlet (1/12/2026)" — the date is the publication day in UTC.</summary>
    public static string SourceLine(DigestArticle article) =>
        $"[{EscapeText(article.Locale)}] {Link(article.Headline, article.Link)} - {EscapeText(article.OutletName)} " +
        $"({article.PublishedAt.UtcDateTime.Month}/{article.PublishedAt.UtcDateTime.Day}/{article.PublishedAt.UtcDateTime.Year})";

    private static string Link(string text, string url) =>
        SafeLink.Of(url) is { } safe ? $"[{EscapeText(text)}]({EscapeUrl(safe)})" : EscapeText(text);

    private static void Bullets(StringBuilder md, IEnumerable<DigestHighlight> highlights, string whenEmpty)
    {
        var any = false;
        foreach (var h in highlights.OrderBy(h => h.Position))
        {
            md.Append("- ").Append(EscapeText(h.Text.ReplaceLineEndings(" "))).Append('\n');
            any = true;
        }
        if (!any) md.Append("- ").Append(EscapeText(whenEmpty)).Append('\n');
        md.Append('\n');
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string value) =>
        "\"" + WithoutControls(value.ReplaceLineEndings(" ")).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Control characters (stored before feed text was cleaned of them) are invalid in YAML and meaningless in Markdown.</summary>
    private static string WithoutControls(string text) => text.Any(char.IsControl) ? new string(text.Where(c => !char.IsControl(c)).ToArray()) : text;

    /// <summary>
    /// Backslash-escapes every character that can start Markdown markup, raw HTML, an autolink or a link in running
    /// text (the backslash itself first of all); parentheses are harmless once brackets are escaped. Headlines keep
    /// their punctuation as written otherwise.
    /// </summary>
    public static string EscapeText(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in WithoutControls(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Characters that would end or break a link destination, percent-encoded (the URL means the same).</summary>
    private static string EscapeUrl(string url) =>
        url.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20").Replace("<", "%3C").Replace(">", "%3E").Replace("\\", "%5C");
}
