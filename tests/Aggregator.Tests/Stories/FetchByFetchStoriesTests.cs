using Aggregator.Ingestion;
using Aggregator.Registry;
using Aggregator.Stories;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Aggregator.Tests.Stories;

/// <summary>
/// The sample fortnight (818 real Google News items, Chinese headlines included) as the product receives it: one
/// day's feed at a time, each placed in stories before the next arrives, then held to the labels of its English
/// headlines. The corpus tests measure the engine on all rows at once; this measures what readers are shown.
/// </summary>
public sealed class FetchByFetchStoriesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = TestServices.Create(_database.ConnectionString);
        // The sides come from the registry, as on an installation: the cross-side bar applies only where sides are known.
        await using var db = _database.CreateContext();
        var cache = new Aggregator.Caching.ReaderPageCache(db);
        await new RegistrySeeder(db, new RegistryEditor(db, cache, TimeProvider.System), TimeProvider.System, NullLogger<RegistrySeeder>.Instance, cache)
            .SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Placed_fetch_by_fetch_the_real_fortnight_shows_both_sides_together_only_where_they_tell_one_story()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-2026-06"), "china-*.xml").Order().ToList();
        Assert.Equal(14, files.Count);
        int topicId;
        await using (var db = _database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();

        foreach (var file in files)
        {
            await using var scope = _services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", file, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<StoryStore>().PlaceUnplacedAsync(topicId, CancellationToken.None);
        }

        // The outlets' own pages Google returned are stored, counted on their runs, and kept out of stories.
        await using (var db = _database.CreateContext())
        {
            var pages = await db.ArticleTopics.Where(m => m.TopicId == topicId)
                .Join(db.Articles.Where(a => a.IsOutletPage), m => m.ArticleId, a => a.Id, (m, a) => new { a.Headline, m.StoryId }).ToListAsync();
            Assert.Equal(4, pages.Count);
            Assert.All(pages, p => Assert.Null(p.StoryId));
            Assert.Equal(4, await db.FetchRuns.SumAsync(r => r.ItemsOutletPages));
        }

        Dictionary<string, long?> storyOf;
        await using (var db = _database.CreateContext())
            storyOf = (await db.ArticleTopics.Where(m => m.TopicId == topicId)
                    .Join(db.Articles.Where(a => !a.IsOutletPage), m => m.ArticleId, a => a.Id, (m, a) => new { a.Headline, m.StoryId }).ToListAsync())
                .GroupBy(x => x.Headline.Trim()).ToDictionary(g => g.Key, g => g.First().StoryId);
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpora", "china-2026-06.stories.tsv"));
        var labelled = StoryCorpus.Read(reader);
        // A labelled headline the feeds stored under another title (Google re-titled the item) counts as a story of its own.
        var assigned = labelled.Select((row, i) => storyOf.TryGetValue(row.Headline.Trim(), out var story) ? $"story-{story}" : $"unstored-{i}").ToList();
        var score = StoryCorpus.Score(labelled, assigned);

        output.WriteLine($"sample fortnight, placed fetch by fetch ({storyOf.Count} headlines, {assigned.Count(a => a.StartsWith("story-"))} of {labelled.Count} labelled ones stored): {score}");
        Assert.Equal(0, storyOf.Values.Count(story => story is null));
        Assert.True(assigned.Count(a => a.StartsWith("story-")) >= 450, "the labelled headlines are no longer in the sample feeds");
        Assert.True(score.CrossPredicted >= 15, $"only {score.CrossPredicted} cross-side pairs placed");
        Assert.True(score.CrossSide.Precision >= 0.90, $"cross-side precision {score.CrossSide.Precision:F3} < 0.90");
        Assert.True(score.BCubed.F1 >= 0.85, $"B-cubed F1 {score.BCubed.F1:F3} < 0.85");
    }
}
