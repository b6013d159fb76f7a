using Aggregator.Fetching;

namespace Aggregator.Tests.Fetching;

public sealed class FeedUrlsTests
{
    [Theory]
    [InlineData("\"US China\" OR \"U.S.-China\" relations when:1d", "en-US",
        "https://news.google.com/rss/search?q=%22US%20China%22%20OR%20%22U.S.-China%22%20relations%20when%3A1d&hl=en-US&gl=US&ceid=US:en")]
    [InlineData("中美 关系", "zh-CN", "https://news.google.com/rss/search?q=%E4%B8%AD%E7%BE%8E%20%E5%85%B3%E7%B3%BB&hl=zh-CN&gl=CN&ceid=CN:zh")]
    [InlineData("tariffs & trade", "en-GB", "https://news.google.com/rss/search?q=tariffs%20%26%20trade&hl=en-GB&gl=GB&ceid=GB:en")]
    public void Google_news_search_url_escapes_the_query_and_spells_out_the_edition(string query, string edition, string expected)
    {
        Assert.Equal(expected, FeedUrls.GoogleNewsSearch("https://news.google.com", query, edition).AbsoluteUri);
    }

    [Theory]
    [InlineData("US–China relations", "us-china-relations")]
    [InlineData("Technology and chips", "technology-and-chips")]
    [InlineData("  Café / Économie  ", "cafe-economie")]
    public void Feed_names_become_replay_file_slugs(string name, string slug)
    {
        Assert.Equal(slug, FeedUrls.Slug(name));
    }
}
