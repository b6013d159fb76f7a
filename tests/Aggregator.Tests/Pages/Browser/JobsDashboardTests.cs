using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>Hangfire's dashboard works in a real browser under the app's content security policy.</summary>
[Collection(SharedBrowser.Name)]
public sealed class JobsDashboardTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    [Fact]
    public async Task An_admin_opens_the_recurring_jobs_and_the_page_runs_without_policy_violations()
    {
        var violations = new List<string>();
        var page = await SignedInPageAsync("/admin/jobs/recurring");
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("fetch:us-china")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "jobs-dashboard.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
