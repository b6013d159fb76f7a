using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Parsing;
using Aggregator.Registry;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// Reader pages' data: the 2026-01-12 sample day, the 2026-01-13 long-tail day (five stories both sides covered), and a
/// China-only story of three articles from three outlets on 2026-01-13, a blindspot; both days' digests published.
/// </summary>
public static class ReaderSeed
{
    public static async Task SeedAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
        var importer = services.GetRequiredService<FeedFileImporter>();
        await importer.ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
        await importer.ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsLongTail), CancellationToken.None);
        var topicId = await services.GetRequiredService<AppDbContext>().Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        var at = new DateTimeOffset(2026, 1, 12, 18, 30, 0, TimeSpan.Zero);
        ParsedItem Item(string headline, string outlet, string host, int minutes) =>
            new($"blindspot-{host}", $"https://{host}/{minutes}", headline, outlet, $"https://{host}", at.AddMinutes(minutes));
        await services.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
            Item("Shanghai free trade zone measures draw foreign investors", "Global Times", "www.globaltimes.cn", 20),
            Item("Foreign investors welcome Shanghai free trade zone measures", "China Daily", "www.chinadaily.com.cn", 40)), "en-US", CancellationToken.None);
        var publisher = services.GetRequiredService<DigestPublisher>();
        await publisher.PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);
        await publisher.PublishAsync("us-china", new DateOnly(2026, 1, 13), CancellationToken.None);
    }
}
