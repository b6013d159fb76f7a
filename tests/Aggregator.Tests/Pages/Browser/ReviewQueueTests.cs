using Aggregator.Ingestion;
using Aggregator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

[Collection(SharedBrowser.Name)]
public sealed class ReviewQueueTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private static readonly Dictionary<string, string> SideOfFixtureOutlet = new()
    {
        ["China Daily"] = "china",
        ["China Military"] = "china",
        ["Global Times"] = "china",
        ["news.cgtn.com"] = "china",
        ["South China Morning Post"] = "china",
        ["Forbes"] = "us",
        ["MSN"] = "us",
        ["The New York Times"] = "us",
        ["The Straits Times"] = "us",
    };

    protected override async Task PrepareAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedFileImporter>()
            .ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
    }

    [Fact]
    public async Task A_new_admin_signs_in_classifies_every_unclassified_outlet_and_sees_them_on_the_public_outlets_page()
    {
        var page = await SignedInPageAsync("/admin/review");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();

        foreach (var (outlet, side) in SideOfFixtureOutlet)
        {
            var row = page.Locator($"tr[data-outlet=\"{outlet}\"]");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await row.GetByLabel($"Side for {outlet}").SelectOptionAsync(side);
            await row.GetByRole(AriaRole.Button, new() { Name = "Classify" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{outlet} is now on the {side} side");
        }
        await Assertions.Expect(page.GetByText("Nothing to review.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "review-queue-done.png"), FullPage = true });

        await page.GotoAsync("/outlets");
        foreach (var (outlet, side) in SideOfFixtureOutlet)
        {
            var section = page.Locator($"section[aria-labelledby=side-{side}]");
            await Assertions.Expect(section.GetByRole(AriaRole.Cell, new() { Name = outlet, Exact = true })).ToBeVisibleAsync();
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "public-outlets.png"), FullPage = true });
    }
}
