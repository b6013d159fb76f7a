using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Markdig;

namespace Aggregator.Tests.Digests;

/// <summary>The Markdown export rendered by a real CommonMark parser: feed text stays text, only http/https links.</summary>
public sealed class DigestMarkdownSafetyTests
{
    private static readonly string[] HostileTexts =
    [
        "x \\](javascript:alert(1))",
        "[click](javascript:alert(2))",
        "<script>alert(3)</script>",
        "<javascript:alert(4)>",
        "![img](javascript:alert(5))",
        "**bold** _it_ `code`",
        "back\\\\slash ] and [ brackets",
    ];

    private static Digest HostileDigest()
    {
        var digest = new Digest
        {
            Title = "T", TopicSlug = "t", TopicName = "T", Highlighter = "extractive", ContentHash = "",
            WindowEnd = new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero),
            Sides = [new DigestSide { Side = Side.Us, Name = "United [States](javascript:alert(6))", Position = 0, ArticleCount = HostileTexts.Length }],
            Highlights = [.. HostileTexts.Select((text, i) => new DigestHighlight { Position = i + 1, Text = text, Side = i % 2 == 0 ? null : Side.Us })],
        };
        digest.Articles = HostileTexts.Select((text, i) => new DigestArticle
        {
            Position = i + 1, Side = Side.Us, Headline = text, OutletName = text, Locale = "en-US",
            Link = i == 0 ? "https://example.org/a)(javascript:alert(7)" : i == 1 ? "javascript:alert(8)" : $"https://example.org/{i}?q=(x)",
            PublishedAt = digest.WindowEnd.AddHours(-1),
        }).ToList();
        return digest;
    }

    [Fact]
    public void No_feed_text_becomes_markup_or_a_link_other_than_the_articles_own_http_links()
    {
        // Front matter is YAML for the site generator (quoted there), not Markdown to render.
        var html = Markdown.ToHtml(DigestMarkdown.Render(HostileDigest()), new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("script, img, strong, em, code"));
        var hrefs = document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Expect.All(hrefs, 6, href => Assert.StartsWith("https://example.org/", href));
        Assert.Equal(HostileTexts.Length - 1, hrefs.Count);
        Assert.Contains("https://example.org/a%29%28javascript:alert%287%29", hrefs);
        Assert.DoesNotContain("javascript:", string.Join(" ", hrefs.Select(Uri.UnescapeDataString).Where(h => !h.StartsWith("https://example.org/a)(", StringComparison.Ordinal))));
        foreach (var text in HostileTexts) Assert.Contains(text, document.Body!.TextContent);
    }

    [Fact]
    public void A_stored_link_with_a_line_break_stays_on_its_line_as_one_escaped_link()
    {
        var digest = HostileDigest();
        digest.Articles = [digest.Articles[2]];
        digest.Articles[0].Link = "https://example.org/a\r\n# Injected heading\r\n[x](https://evil.example)";

        var markdown = DigestMarkdown.Render(digest);
        var html = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());
        var document = new HtmlParser().ParseDocument(html);

        Assert.DoesNotContain(document.QuerySelectorAll("h1, h2, h3, h4"), h => h.TextContent.Contains("Injected"));
        var href = Assert.Single(document.QuerySelectorAll("a")).GetAttribute("href")!;
        Assert.StartsWith("https://example.org/a", href);
        Assert.DoesNotContain("evil.example", document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("https://example.org/a%0D%0A#%20Injected%20heading%0D%0A[x](https://evil.example)", SafeLink.Of(digest.Articles[0].Link));
    }
}
