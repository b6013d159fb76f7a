using System.Net;
using Aggregator.Tests.Infrastructure;
using Aggregator.Tests.Pages;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Tests.Search;

/// <summary>Article search as readers use it (/articles), on the reader pages' data.</summary>
public sealed class ArticleSearchTests(ReaderData data) : IClassFixture<ReaderData>
{
    private readonly HttpClient _client = Browserless.Client(data.App);

    private async Task<IDocument> PageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_finds_headlines_by_words_marks_the_matches_filters_by_side_and_pages_by_keyset()
    {
        var page = await PageAsync("/articles?q=tariff+truce&topic=us-china");
        var results = page.QuerySelectorAll("ol.results > li");
        Assert.Equal(2, results.Length);
        Assert.All(results, r => Assert.Contains("<mark>", r.InnerHtml));
        Assert.All(results, r => Assert.StartsWith("/stories/", r.QuerySelector("a.story-link")!.GetAttribute("href")));

        var china = await PageAsync("/articles?q=tariff+truce&side=china");
        Assert.Equal("China resumes purchases of US soybeans as tariff truce holds", Assert.Single(china.QuerySelectorAll("ol.results > li")).QuerySelector("a")!.TextContent);

        var first = await PageAsync("/articles?q=china");
        var firstIds = first.QuerySelectorAll("ol.results > li a[target=_blank]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Aggregator.Search.ArticleSearch.PageSize, firstIds.Count);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("after=", next);
        var second = await PageAsync(next);
        var secondIds = second.QuerySelectorAll("ol.results > li a[target=_blank]").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/articles?q=china&after=not-a-cursor")).StatusCode);
    }

    [Fact]
    public async Task Search_leaves_out_the_articles_of_a_disabled_topic()
    {
        Assert.NotEmpty((await PageAsync("/articles?q=soybeans")).QuerySelectorAll("ol.results > li"));
        await using (var db = data.Database.CreateContext())
            await db.Topics.Where(t => t.Slug == "us-china").ExecuteUpdateAsync(s => s.SetProperty(t => t.Enabled, false));
        try
        {
            Assert.Empty((await PageAsync("/articles?q=soybeans")).QuerySelectorAll("ol.results > li"));
        }
        finally
        {
            await using var db = data.Database.CreateContext();
            await db.Topics.Where(t => t.Slug == "us-china").ExecuteUpdateAsync(s => s.SetProperty(t => t.Enabled, true));
        }
    }

    [Fact]
    public async Task A_search_of_excluded_words_alone_is_refused_with_a_reason_instead_of_scanning_every_article()
    {
        var page = await PageAsync("/articles?q=-zzzz&outlet=none");

        Assert.Equal("Add a word to look for: a search of excluded words alone would match almost every article.", page.QuerySelector("[role=status]")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("ol.results > li"));
    }

    [Fact]
    public async Task Searches_from_one_client_are_limited_per_minute()
    {
        // An app of its own: the limit is per client, and this class's other tests search as the same client.
        await using var app = new AppFactory(data.Database.ConnectionString);
        using var client = Browserless.Client(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Aggregator.Admin.AdminAuthentication.ReaderQueriesPerMinute; i++)
            statuses.Add((await client.GetAsync($"/articles?q=tariff{i}")).StatusCode);

        Assert.Equal(Aggregator.Admin.AdminAuthentication.ReaderQueriesPerMinute + 1, statuses.Count);
        Assert.All(statuses.SkipLast(1), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_search_that_runs_past_its_time_is_cancelled_and_the_reader_asked_to_narrow_it()
    {
        // Another session holds the articles table: the search waits on it until its time is up.
        await using var holder = new Npgsql.NpgsqlConnection(data.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE", holder, hold))
            await take.ExecuteNonQueryAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await _client.GetAsync("/articles?q=tariff");
        var waited = started.Elapsed;
        await hold.RollbackAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("This search took too long. Narrow it: add a word, a side, an outlet or dates.", page.QuerySelector("[role=status]")?.TextContent);
        Assert.True(waited < TimeSpan.FromSeconds(30), $"the search waited {waited}");
    }
}
