using Aggregator.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download): headless, sandbox off (CI runs as root), and no
/// background networking, which this closed network would refuse.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (scripts/test.sh installs it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page in a context of its own (no cookies carried over), at a phone's height below 600 px wide.</summary>
    public async Task<IPage> PageAsync(Uri baseUri, int width)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// The browser test classes share one Chromium (and one Playwright driver): launching them is most of a short test's
/// cost. Each test opens a context of its own, so no cookie or page carries over. (The fortnight's path launches its
/// own, in the collection of the replayed fortnight.)
/// </summary>
[CollectionDefinition(Name)]
[RunsLong(35)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
