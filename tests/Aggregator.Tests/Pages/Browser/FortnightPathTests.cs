using System.Text.RegularExpressions;
using Aggregator.Tests.Replay;
using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>
/// The reader's path on the replayed sample fortnight (real headlines, both sides, Chinese among them) in Chromium at a
/// phone's and a laptop's width, each page checked and photographed.
/// </summary>
[Collection(SampleFortnightReaders.Name)]
public sealed class FortnightPathTests(BrowserFixture browser, SampleFortnight fortnight) : IClassFixture<BrowserFixture>
{
    private Task<IPage> PageAsync(int width) => browser.PageAsync(fortnight.Site.BaseUri, width);

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task A_reader_goes_from_the_home_page_to_a_digest_a_story_search_blindspots_and_trends(int width)
    {
        var page = await PageAsync(width);

        await page.GotoAsync("/");
        // The sample's last day is thin, so the newest full day is featured and the thin one is listed, marked.
        await Assertions.Expect(page.Locator("table.glance tbody tr")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("table.glance .badge-thin")).ToHaveCountAsync(1);
        await ReaderPathTests.CheckAndShootAsync(page, "home", width);
        await page.GetByRole(AriaRole.Link, new() { Name = "US vs China News - 2026-06-13" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/topics/us-china/2026-06-13$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How each side framed it" })).ToBeVisibleAsync();
        await ReaderPathTests.CheckAndShootAsync(page, "digest", width);

        await page.Locator(".framing a.story-link").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/stories/\\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Each side's headlines" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".side-us li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".side-china li")).Not.ToHaveCountAsync(0);
        await ReaderPathTests.CheckAndShootAsync(page, "story", width);

        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByLabel("Words").FillAsync("North Korea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.results > li").First).ToContainTextAsync("North Korea", new() { IgnoreCase = true });
        await Assertions.Expect(page.Locator("ol.results mark").First).ToBeVisibleAsync();
        await ReaderPathTests.CheckAndShootAsync(page, "search", width);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Blindspots", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".as-of")).ToHaveTextAsync("As of 2026-06-14, the newest day with articles.");
        await Assertions.Expect(page.Locator("ul.blindspots li").First).ToContainTextAsync("Only ");
        await ReaderPathTests.CheckAndShootAsync(page, "blindspots", width);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trends", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".as-of")).ToHaveTextAsync("As of 2026-06-14, the newest day with articles.");
        await Assertions.Expect(page.Locator("svg.chart polyline.series-us")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg.chart polyline.series-china")).ToBeVisibleAsync();
        await ReaderPathTests.CheckAndShootAsync(page, "trends", width);
    }

    [Fact]
    public async Task The_digest_page_works_from_the_keyboard_alone()
    {
        var page = await PageAsync(1280);
        await page.GotoAsync("/topics/us-china/2026-06-13");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        // From the main content, Tab reaches a story link; its focus is visible; Enter follows it.
        for (var i = 0; i < 60 && await page.EvaluateAsync<string>("document.activeElement.className") != "story-link"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("story-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/stories/\\d+$"));
    }
}
