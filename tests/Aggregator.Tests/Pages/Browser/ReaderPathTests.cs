using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>The admin's path in Chromium, each page checked and photographed (the reader's path: <see cref="FortnightPathTests"/>).</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReaderPathTests(BrowserFixture browser, ReaderSite site) : IClassFixture<ReaderSite>
{
    private Task<IPage> PageAsync(int width) => browser.PageAsync(site.App.BaseUri, width);

    /// <summary>Checks the page and saves artifacts/screenshots/&lt;name&gt;-&lt;width&gt;.png.</summary>
    internal static async Task CheckAndShootAsync(IPage page, string name, int width)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(ReaderSite.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
        Assert.Empty(await PageChecks.ProblemsAsync(page));
    }

    [Fact]
    public async Task An_admin_signs_in_classifies_an_outlet_from_the_review_queue_and_finds_it_on_the_outlets_page()
    {
        var page = await PageAsync(1280);
        await page.GotoAsync("/admin/review");
        await page.GetByLabel("Email").FillAsync(ReaderSite.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ReaderSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "admin-review", 1280);

        var row = page.Locator("tr[data-outlet=\"Lakeside Ledger\"]");
        await row.GetByLabel("Side for Lakeside Ledger").SelectOptionAsync("us");
        await row.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lakeside Ledger is now on the us side");

        await page.GotoAsync("/admin/stories?topic=us-china&date=2026-01-12");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stories", Exact = true })).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "admin-stories", 1280);

        await page.GotoAsync("/outlets");
        await Assertions.Expect(page.Locator("section[aria-labelledby=side-us]").GetByRole(AriaRole.Cell, new() { Name = "Lakeside Ledger", Exact = true })).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "outlets", 1280);
    }
}
