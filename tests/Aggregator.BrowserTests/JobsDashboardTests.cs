using Aggregator.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aggregator.BrowserTests;

/// <summary>Hangfire's dashboard works in a real browser under the app's content security policy.</summary>
public sealed class JobsDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string AdminEmail = "jobs.admin@example.org";
    private const string AdminPassword = "a long admin passphrase";

    private readonly TestDatabase _database = new();
    private LiveApp _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = LiveApp.Start(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Registry:SeedOnStartup"] = "false",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_opens_the_recurring_jobs_and_the_page_runs_without_policy_violations()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUri.AbsoluteUri });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };

        await page.GotoAsync("/admin/jobs/recurring");
        await page.GetByLabel("Email").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText("fetch:us-china")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "jobs-dashboard.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
