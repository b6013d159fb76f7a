using System.Net;
using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Fetching;

/// <summary>
/// The polite page fetcher against a publisher's site on 127.0.0.1. Names that resolve inward go through a resolver
/// table this test controls, and are refused before any connection is made: nothing here leaves loopback.
/// </summary>
public sealed class ArticlePageSourceTests : IAsyncLifetime
{
    private ArticlePagesServer _site = null!;
    private ServiceProvider _services = null!;

    private sealed class ResolverTable : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(host switch
        {
            "metadata.internal.example" => [IPAddress.Parse("169.254.169.254")],
            "intranet.example" => [IPAddress.Parse("10.1.2.3")],
            _ => new[] { IPAddress.Loopback },
        });
    }

    public async Task InitializeAsync()
    {
        _site = await ArticlePagesServer.StartAsync();
        // No database is reached: the page source needs none.
        _services = TestServices.Create("Host=127.0.0.1;Database=unused", new Dictionary<string, string?>
        {
            ["ArticleTexts:MaxPageBytes"] = "1048576",
            ["ArticleTexts:Timeout"] = "00:00:10",
        }, s => s.AddSingleton<IHostResolver, ResolverTable>());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _site.DisposeAsync();
    }

    private Task<PageResponse> FetchAsync(string path, string? etag = null) =>
        _services.GetRequiredService<IArticlePageSource>().FetchAsync(new PageRequest(_site.Url(path), etag), CancellationToken.None);

    [Fact]
    public async Task An_article_page_is_fetched_as_html_with_its_robots_txt_read_once_for_the_site()
    {
        var first = await FetchAsync("/news/geneva");
        var second = await FetchAsync("/news/tariffs");

        Assert.Equal((ArticleTextStatuses.Fetched, 200), (first.Status, first.HttpStatus));
        Assert.Contains("the geneva agreement", first.Html);
        Assert.Equal(ArticleTextStatuses.Fetched, second.Status);
        Assert.Equal(1, _site.Requests.Count(r => r == "/robots.txt"));
    }

    [Fact]
    public async Task A_page_robots_txt_disallows_is_never_requested_even_behind_a_redirect()
    {
        var closed = await FetchAsync("/private/secret");
        var redirected = await FetchAsync("/moved-private");
        var open = await FetchAsync("/private/open-letter");

        Assert.Equal(ArticleTextStatuses.Robots, closed.Status);
        Assert.Contains("robots.txt does not allow Aggregator", closed.Failure);
        Assert.Equal(ArticleTextStatuses.Robots, redirected.Status);
        Assert.Equal(ArticleTextStatuses.Fetched, open.Status);
        Assert.DoesNotContain(_site.Requests, r => r is "/private/secret" or "/private/after-redirect");
    }

    [Fact]
    public async Task A_redirect_is_followed_to_the_page_it_names()
    {
        var moved = await FetchAsync("/moved");

        Assert.Equal(ArticleTextStatuses.Fetched, moved.Status);
        Assert.Equal(_site.Url("/news/moved-here"), moved.FinalUrl);
    }

    [Fact]
    public async Task A_403_a_page_over_the_size_cap_and_a_pdf_are_named_failures()
    {
        var forbidden = await FetchAsync("/forbidden");
        var huge = await FetchAsync("/huge");
        var pdf = await FetchAsync("/report.pdf");

        Assert.Equal((ArticleTextStatuses.Forbidden, 403), (forbidden.Status, forbidden.HttpStatus));
        Assert.Equal(ArticleTextStatuses.TooLarge, huge.Status);
        Assert.Contains("1,048,576-byte limit", huge.Failure);
        Assert.Null(huge.Html);
        Assert.Equal(ArticleTextStatuses.NotHtml, pdf.Status);
    }

    [Fact]
    public async Task Text_is_decoded_by_the_header_charset_then_the_pages_meta_and_an_unknown_name_is_passed_over()
    {
        var latin = await FetchAsync("/windows-1252");
        var cyrillic = await FetchAsync("/meta-1251");
        var bogus = await FetchAsync("/bogus-charset");

        Assert.Contains("Caf\u00e9 diplomacy", latin.Html);
        Assert.Contains("\u201cna\u00efve\u201d", latin.Html);
        Assert.Contains("\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b", cyrillic.Html);
        Assert.Contains("Na\u00efve", bogus.Html);
    }

    [Fact]
    public async Task A_page_fetched_again_with_its_etag_comes_back_not_modified()
    {
        var first = await FetchAsync("/etag");
        var again = await FetchAsync("/etag", first.ETag);

        Assert.Equal("\"v1\"", first.ETag);
        Assert.True(again.NotModified);
        Assert.Equal(304, again.HttpStatus);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_metadata_or_private_address_is_refused_before_connecting()
    {
        var metadata = await _services.GetRequiredService<IArticlePageSource>().FetchAsync(
            new PageRequest(new Uri($"http://metadata.internal.example:{_site.BaseUrl.Port}/latest/meta-data/")), CancellationToken.None);
        var intranet = await _services.GetRequiredService<IArticlePageSource>().FetchAsync(
            new PageRequest(new Uri("http://intranet.example/news/1")), CancellationToken.None);

        Assert.Equal(ArticleTextStatuses.BlockedAddress, metadata.Status);
        Assert.Contains("169.254.169.254", metadata.Failure);
        Assert.Equal(ArticleTextStatuses.BlockedAddress, intranet.Status);
    }
}
