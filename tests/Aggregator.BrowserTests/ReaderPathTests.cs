using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aggregator.BrowserTests;

/// <summary>The reader's path and the admin's path in Chromium at a phone's and a laptop's width, each page checked and photographed.</summary>
public sealed class ReaderPathTests(BrowserFixture browser, ReaderSite site) : IClassFixture<BrowserFixture>, IClassFixture<ReaderSite>
{
    private async Task<IPage> PageAsync(int width)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.App.BaseUri.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Checks the page and saves artifacts/screenshots/&lt;name&gt;-&lt;width&gt;.png.</summary>
    private static async Task CheckAndShootAsync(IPage page, string name, int width)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(ReaderSite.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
        Assert.Empty(await PageChecks.ProblemsAsync(page));
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task A_reader_goes_from_the_home_page_to_a_digest_a_story_search_blindspots_and_trends(int width)
    {
        var page = await PageAsync(width);

        await page.GotoAsync("/");
        await CheckAndShootAsync(page, "home", width);
        await page.GetByRole(AriaRole.Link, new() { Name = "US vs China News - 2026-01-13" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/topics/us-china/2026-01-13$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How each side framed it" })).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "digest", width);

        await page.Locator(".framing a.story-link").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/stories/\\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Each side's headlines" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".side-us li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".side-china li")).Not.ToHaveCountAsync(0);
        await CheckAndShootAsync(page, "story", width);

        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByLabel("Words").FillAsync("rare earth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.results > li").First).ToContainTextAsync("rare earth", new() { IgnoreCase = true });
        await Assertions.Expect(page.Locator("ol.results mark").First).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "search", width);

        await page.GotoAsync("/topics/us-china/2026-01-13");
        await page.GetByRole(AriaRole.Link, new() { Name = "Stories one side ignored" }).ClickAsync();
        await page.GotoAsync("/topics/us-china/blindspots?before=2026-01-14");
        await Assertions.Expect(page.Locator("#day-2026-01-13")).ToContainTextAsync("Only China");
        await CheckAndShootAsync(page, "blindspots", width);

        await page.GotoAsync("/topics/us-china/trends?days=365");
        await Assertions.Expect(page.Locator("svg.chart polyline.series-us")).ToBeVisibleAsync();
        await CheckAndShootAsync(page, "trends", width);
    }

    [Fact]
    public async Task The_digest_page_works_from_the_keyboard_alone()
    {
        var page = await PageAsync(1280);
        await page.GotoAsync("/topics/us-china/2026-01-13");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        // From the main content, Tab reaches a story link; its focus is visible; Enter follows it.
        for (var i = 0; i < 40 && await page.EvaluateAsync<string>("document.activeElement.className") != "story-link"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("story-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/stories/\\d+$"));
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
