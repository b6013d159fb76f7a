using Aggregator.Classification;
using Aggregator.Stories;

namespace Aggregator.Tests.Classification;

/// <summary>The rule that tells an outlet's own pages from articles, held to real headlines.</summary>
public sealed class OutletPagesTests
{
    private static IReadOnlyList<CorpusRow> Corpus(string name)
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpora", name));
        return StoryCorpus.Read(reader);
    }

    [Fact]
    public void On_the_real_fortnight_the_pages_google_returned_are_found_and_no_headline_is_taken_for_one()
    {
        var rows = Corpus("china-2026-06.stories.tsv");

        var pages = rows.Where(r => OutletPages.IsOutletPage(r.Headline, r.Publisher)).Select(r => r.Headline).ToList();

        Assert.Equal(478, rows.Count);
        // The labels mark exactly these four rows as site furniture.
        Assert.Equal(rows.Where(r => r.Story == "furniture").Select(r => r.Headline).Order(), pages.Order());
        Assert.Equal(
            ["CGTN | Breaking News, China News, World News and Video", "Current magazine", "Global Edition - China Daily", "Print Edition | Wall Street Journal"],
            pages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Among_thousands_of_business_headlines_only_the_two_pages_the_crawl_caught_are_taken_for_pages()
    {
        var rows = Corpus("uci-news-stories.tsv");

        var pages = rows.Where(r => OutletPages.IsOutletPage(r.Headline, r.Publisher)).Select(r => $"{r.Publisher}: {r.Headline}").ToList();

        Assert.Equal(5853, rows.Count);
        // A sign-in page and a section page, not headlines.
        Assert.Equal(["Celebuzz: Sign in to Celebuzz", "Refinery29: Top Entertainment Stories"], pages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Reuters", "Reuters", true)]
    [InlineData("Home - Reuters", "Reuters", true)]
    [InlineData("Business News | Latest Headlines", "Financial Times", true)]
    [InlineData("Reuters: China exports beat forecasts", "Reuters", false)]
    [InlineData("China News", "Xinhua", true)]
    [InlineData("China Daily", "China Daily", true)]
    [InlineData("China Daily readers pick the year's top stories", "China Daily", false)]
    [InlineData("Global markets slide on tariff news", "Bloomberg", false)]
    [InlineData("习近平同老挝人革党中央总书记会谈", "People's Daily", false)]
    [InlineData("", "Reuters", false)]
    public void A_title_is_a_page_when_only_the_outlet_and_words_naming_pages_are_left(string title, string outlet, bool page)
    {
        Assert.Equal(page, OutletPages.IsOutletPage(title, outlet));
    }
}
