using Aggregator.Ingestion;

namespace Aggregator.Tests.Ingestion;

public sealed class ArticleKeysTests
{
    [Theory]
    [InlineData("HTTPS://News.Google.com/rss/articles/ABC?oc=5", "https://news.google.com/rss/articles/ABC")]
    [InlineData("https://www.example.com/a/b/?utm_source=x&id=7&fbclid=y#top", "https://www.example.com/a/b?id=7")]
    [InlineData("http://example.com:8080/x", "http://example.com:8080/x")]
    [InlineData("https://example.com/", "https://example.com/")]
    public void Links_are_normalized_without_tracking_noise(string link, string expected)
    {
        Assert.Equal(expected, ArticleKeys.NormalizeLink(link));
    }

    [Theory]
    [InlineData("China’s “New Era” — Explained!", "china s new era explained")]
    [InlineData("  CHINA'S new   era: explained ", "china s new era explained")]
    [InlineData("中美关系：新阶段", "中美关系 新阶段")]
    public void Titles_fold_case_punctuation_and_spacing(string headline, string expected)
    {
        Assert.Equal(expected, ArticleKeys.NormalizeTitle(headline));
    }
}
