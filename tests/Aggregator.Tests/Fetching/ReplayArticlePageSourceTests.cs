using System.IO.Compression;
using System.Text;
using Aggregator.Fetching;
using Aggregator.Model;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Fetching;

/// <summary>Offline replay reads saved pages listed in an index, and asks for nothing else.</summary>
public sealed class ReplayArticlePageSourceTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aggregator-pages-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_listed_page_is_read_from_its_saved_copy_and_an_unlisted_or_escaping_one_is_not_asked_for()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "talks.html"), ArticlePagesServer.ArticleHtml("Talks", "saved"));
        await using (var gz = new GZipStream(File.Create(Path.Combine(_directory.FullName, "zipped.html.gz")), CompressionLevel.Fastest))
            await gz.WriteAsync(Encoding.UTF8.GetBytes(ArticlePagesServer.ArticleHtml("Zipped", "compressed")));
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "index.tsv"),
            "https://publisher.example/talks\ttalks.html\nhttps://publisher.example/zipped\tzipped.html.gz\nhttps://publisher.example/escape\t../../etc/passwd\n");
        var source = new ReplayArticlePageSource(Options.Create(new ArticleTextOptions { ReplayDirectory = _directory.FullName }));

        var talks = await source.FetchAsync(new PageRequest(new Uri("https://publisher.example/talks")), CancellationToken.None);
        var zipped = await source.FetchAsync(new PageRequest(new Uri("https://publisher.example/zipped")), CancellationToken.None);
        var unlisted = await source.FetchAsync(new PageRequest(new Uri("https://publisher.example/other")), CancellationToken.None);
        var escaping = await source.FetchAsync(new PageRequest(new Uri("https://publisher.example/escape")), CancellationToken.None);

        Assert.Equal(ArticleTextStatuses.Fetched, talks.Status);
        Assert.Contains("the saved agreement", talks.Html);
        Assert.Contains("the compressed agreement", zipped.Html);
        Assert.False(unlisted.Asked);
        Assert.False(escaping.Asked);
    }

    [Fact]
    public async Task Without_a_directory_of_saved_pages_nothing_is_asked_for()
    {
        var source = new ReplayArticlePageSource(Options.Create(new ArticleTextOptions()));

        var page = await source.FetchAsync(new PageRequest(new Uri("https://publisher.example/talks")), CancellationToken.None);

        Assert.False(page.Asked);
        Assert.Null(page.Html);
    }
}
