using Aggregator.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>
/// A browser test of the admin area: its own database, the app on a loopback port without the default registry
/// (so every outlet of a fixture waits for review), a first admin from configuration, and a signed-in page.
/// </summary>
public abstract class AdminBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected const string AdminEmail = "first.admin@example.org";
    protected const string AdminPassword = "a long admin passphrase";

    private readonly TestDatabase _database = new();
    protected LiveApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = LiveApp.Start(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Registry:SeedOnStartup"] = "false",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
        });
        await PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Data the class's tests start from.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Opens <paramref name="path"/>, which sends the browser to sign in first, and signs in as the admin.</summary>
    protected async Task<IPage> SignedInPageAsync(string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUri.AbsoluteUri });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByLabel("Email").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }
}
