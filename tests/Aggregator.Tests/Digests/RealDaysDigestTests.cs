using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

/// <summary>Digests built from real sample days (Chinese headlines and outlet pages among the items), as a reader gets them.</summary>
public sealed class RealDaysDigestTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new SeededTestDatabase();
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new AppFactory(_database.ConnectionString);
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task English_digests_of_real_days_hold_no_chinese_headline_and_no_outlet_page_which_stay_stored_and_searchable()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            foreach (var day in new[] { "2026-06-04", "2026-06-05" })
                await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync(
                    "us-china", Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-2026-06", $"china-{day}.xml"), CancellationToken.None);
            var publisher = scope.ServiceProvider.GetRequiredService<DigestPublisher>();
            foreach (var day in new[] { new DateOnly(2026, 6, 4), new DateOnly(2026, 6, 5), new DateOnly(2026, 6, 6) })
                await publisher.PublishAsync("us-china", day, CancellationToken.None);
        }

        await using var db = _database.CreateContext();
        var shown = await db.DigestArticles.Select(a => a.Headline).ToListAsync();
        var stored = await db.Articles.Select(a => new { a.Headline, a.Language, a.IsOutletPage }).ToListAsync();
        Assert.True(shown.Count >= 30, $"only {shown.Count} digest articles");
        Assert.True(stored.Count(a => a.Language == "zh") >= 20, "the sample days lost their Chinese headlines");
        Assert.Equal(2, stored.Count(a => a.IsOutletPage));
        Assert.DoesNotContain(shown, Scripts.IsWrittenInCjk);
        Assert.DoesNotContain(shown, h => stored.Any(a => a.IsOutletPage && a.Headline == h));
        // Stored all the same, on their story's page marked with their language, and found by search.
        var client = _app.CreateClient();
        var placed = await db.ArticleTopics.Where(m => m.StoryId != null)
            .Join(db.Articles.Where(a => a.Language == "zh"), m => m.ArticleId, a => a.Id, (m, a) => new { m.StoryId, a.Headline }).FirstAsync();
        var storyPage = await client.GetStringAsync($"/stories/{placed.StoryId}");
        Assert.Contains($"lang=\"zh\">{System.Net.WebUtility.HtmlEncode(placed.Headline)}<", storyPage);
        Assert.Contains(">Chinese</span>", storyPage);
        var chinese = stored.First(a => a.Language == "zh").Headline;
        var search = await client.GetStringAsync($"/articles?q={Uri.EscapeDataString(chinese)}");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(chinese), search);
    }
}
