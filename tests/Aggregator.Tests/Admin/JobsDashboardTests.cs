using System.Net;
using Aggregator.Scheduling;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Admin;

/// <summary>Hangfire's dashboard at /admin/jobs: admins see the topics' schedules and act on them, with antiforgery.</summary>
public sealed class JobsDashboardTests(SeededTestDatabase database) : IClassFixture<SeededTestDatabase>, IAsyncLifetime
{
    private AppFactory _app = null!;

    public Task InitializeAsync()
    {
        // Schedules that never fire by themselves during a test, so only the dashboard's trigger starts a fetch.
        _app = new AppFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Scheduler:FetchCron"] = "0 0 1 1 *",
            ["Scheduler:DigestCron"] = "0 0 1 1 *",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admins_see_each_topics_fetch_and_digest_schedule()
    {
        using var client = await Browserless.SignedInAsync(_app, "jobs@example.org", admin: true);

        var html = await Eventually.ReturnsAsync("the dashboard to list digest:us-china", () => client.GetStringAsync("/admin/jobs/recurring"), page => page.Contains("digest:us-china"));

        Assert.Contains("fetch:us-china", html);
        Assert.Contains("digest:us-china", html);
    }

    [Fact]
    public async Task Triggering_a_schedule_needs_the_antiforgery_token_the_dashboard_page_carries()
    {
        using var client = await Browserless.SignedInAsync(_app, "jobs@example.org", admin: true);
        var storage = _app.Services.GetRequiredService<JobStorage>();
        var page = new HtmlParser().ParseDocument(await Eventually.ReturnsAsync("the dashboard to list fetch:us-china", () => client.GetStringAsync("/admin/jobs/recurring"), p => p.Contains("fetch:us-china")));
        string? LastFetchJob()
        {
            using var connection = storage.GetConnection();
            return connection.GetRecurringJobs([Schedules.FetchJobId("us-china")]).Single().LastJobId;
        }
        var before = LastFetchJob();
        var trigger = new FormUrlEncodedContent([new("jobs[]", "fetch:us-china")]);

        var withoutToken = await client.PostAsync("/admin/jobs/recurring/trigger", trigger);
        var afterRefused = LastFetchJob();
        var header = page.QuerySelector("meta[name=csrf-header]")?.GetAttribute("content");
        var token = page.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", "fetch:us-china")]) };
        withToken.Headers.Add(header ?? throw new Xunit.Sdk.XunitException("the dashboard page names no antiforgery header"), token);
        var accepted = await client.SendAsync(withToken);

        Assert.False(withoutToken.IsSuccessStatusCode, $"without a token: {withoutToken.StatusCode}");
        Assert.Equal(before, afterRefused);
        Assert.True(accepted.IsSuccessStatusCode, $"with the token: {accepted.StatusCode}");
        Assert.NotEqual(before, await Eventually.ReturnsAsync("the triggered fetch job to be enqueued", () => Task.FromResult(LastFetchJob()), last => last != before));
    }
}
