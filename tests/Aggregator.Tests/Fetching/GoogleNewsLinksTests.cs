using System.Text;
using Aggregator.Fetching;

namespace Aggregator.Tests.Fetching;

public sealed class GoogleNewsLinksTests
{
    /// <summary>An id in the older format: 0x08 0x13, field 4 holding the URL, and the trailer Google appends.</summary>
    private static string OlderId(string url)
    {
        var bytes = new List<byte> { 0x08, 0x13, 0x22, (byte)Encoding.UTF8.GetByteCount(url) };
        bytes.AddRange(Encoding.UTF8.GetBytes(url));
        bytes.AddRange([0xd2, 0x01, 0x00]);
        return Convert.ToBase64String(bytes.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [Fact]
    public void An_older_id_gives_the_publishers_url_without_a_request_and_a_newer_one_gives_none()
    {
        const string newer = "CBMiqwFBVV95cUxPR1ZhaGlGNnlWS1FTc1VxYUJHSlRXQ3hvQk5RdVFJWVc0YXhqM3pRdFN5b3o0VHYwajhHN0ZmNnlwNTZRRVFlN0FRWlVTaG5zeHVXVkxQWUlQcGlNWDRQbTRVYnVoZ19EclB2ZWVHTWRxYVFOSGE3bUJ5T0dZX0FUc3c5NFJXbGZYZzZzN2xyTVhSUWdVYkNYalZubWV6RXdyWjhMVGN3MHFGQzQ";

        Assert.Equal("https://www.reuters.com/world/china/talks-resume-2026-01-12/", GoogleNewsLinks.DecodeOffline(OlderId("https://www.reuters.com/world/china/talks-resume-2026-01-12/")));
        Assert.Null(GoogleNewsLinks.DecodeOffline(newer));
        Assert.Null(GoogleNewsLinks.DecodeOffline(OlderId("javascript:alert(1)")));
        Assert.Null(GoogleNewsLinks.DecodeOffline("not base64 at all!"));
        Assert.Null(GoogleNewsLinks.DecodeOffline(""));
    }

    [Theory]
    [InlineData("https://news.google.com/rss/articles/CBMiabc?oc=5", "CBMiabc")]
    [InlineData("https://news.google.com/articles/CBMiabc", "CBMiabc")]
    [InlineData("https://www.reuters.com/rss/articles/CBMiabc", null)]
    [InlineData("https://news.google.com/search?q=china", null)]
    [InlineData("not a link", null)]
    public void Only_a_Google_News_article_link_has_an_article_id(string link, string? id) =>
        Assert.Equal(id, GoogleNewsLinks.ArticleId(link));
}
