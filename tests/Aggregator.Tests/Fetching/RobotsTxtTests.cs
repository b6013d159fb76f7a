using System.Text;
using Aggregator.Fetching;

namespace Aggregator.Tests.Fetching;

public sealed class RobotsTxtTests
{
    private const string Rules = """
        # Most crawlers
        User-agent: *
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$
        Disallow: /search?

        User-agent: Aggregator
        User-agent: OtherBot
        Disallow: /archive/
        """;

    [Theory]
    [InlineData("*", "/news/1", true)]
    [InlineData("*", "/private/x", false)]
    [InlineData("*", "/private/open-letter", true)]
    [InlineData("*", "/files/report.pdf", false)]
    [InlineData("*", "/files/report.pdf?page=2", true)]
    [InlineData("*", "/search?q=china", false)]
    [InlineData("*", "/robots.txt", true)]
    [InlineData("aggregator", "/private/x", true)]
    [InlineData("Aggregator", "/archive/2019", false)]
    public void The_group_naming_the_crawler_applies_else_the_star_group_and_the_longest_rule_wins(string token, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(Rules, token == "*" ? "SomeCrawler" : token).Allows(path));

    [Fact]
    public void An_allow_wins_a_tie_and_an_empty_disallow_allows_everything()
    {
        Assert.True(RobotsTxt.Parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "Aggregator").Allows("/page"));
        Assert.True(RobotsTxt.Parse("User-agent: *\nDisallow:\n", "Aggregator").Allows("/anything"));
        Assert.False(RobotsTxt.DisallowAll.Allows("/news"));
        Assert.True(RobotsTxt.AllowAll.Allows("/news"));
    }
}

public sealed class PageCharsetTests
{
    static PageCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void The_header_wins_then_the_byte_order_mark_then_the_meta_declaration_then_utf8()
    {
        var latin = Encoding.GetEncoding(1252).GetBytes("<p>caf\u00e9</p>");
        var withMeta = Encoding.GetEncoding(1251).GetBytes("<meta charset=\"windows-1251\"><p>\u043c\u0438\u0440</p>");
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<meta charset=\"windows-1251\"><p>\u00fc</p>")).ToArray();

        Assert.Equal("<p>caf\u00e9</p>", PageCharset.Decode(latin, "windows-1252"));
        Assert.Equal("<p>caf\u00e9</p>", PageCharset.Decode(latin, "ISO-8859-1"));
        Assert.Contains("\u043c\u0438\u0440", PageCharset.Decode(withMeta, null));
        Assert.Contains("\u043c\u0438\u0440", PageCharset.Decode(withMeta, "no-such-charset"));
        Assert.Equal("<meta charset=\"windows-1251\"><p>\u00fc</p>", PageCharset.Decode(bom, null));
        Assert.Equal("<p>\u00fc</p>", PageCharset.Decode(Encoding.UTF8.GetBytes("<p>\u00fc</p>"), null));
    }
}
