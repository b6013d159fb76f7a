using Aggregator.Ingestion;
using Aggregator.Parsing;
using Aggregator.Stories;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Stories;

/// <summary>
/// The placement stage's own logic, with an embedder whose vectors the test sets: what moves when a later fetch
/// brings a better partner, and what never moves.
/// </summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 1, 12, 6, 0, 0, TimeSpan.Zero);

    // No two headlines share a term, so only these vectors relate them: A–B 0.65, B–C 0.90, A–C 0.30.
    private const string A = "Alpha bravo charlie", B = "Delta echo foxtrot", C = "Golf hotel india";
    private static readonly Dictionary<string, float[]> Vectors = new()
    {
        [A] = [1f, 0f, 0f],
        [B] = [0.65f, 0.76f, 0f],
        [C] = [0.3f, 0.928f, 0.221f],
    };

    private sealed class SetVectors : IHeadlineEmbedder
    {
        public string Model => "set-by-test";

        public float[][] Embed(IReadOnlyList<string> headlines, CancellationToken cancellationToken) =>
            headlines.Select(h => Vectors.TryGetValue(h, out var v) ? v : [0f, 0f, 1f]).ToArray();
    }

    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;
    private int _topicId;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = TestServices.Create(_database.ConnectionString, configure: s => s.AddSingleton<IHeadlineEmbedder>(new SetVectors()));
        await using var db = _database.CreateContext();
        _topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ParsedItem Item(int outlet, string headline, double hours) =>
        new($"item-{outlet}", $"https://outlet{outlet}.example/{outlet}", headline, $"Outlet {outlet}", $"https://outlet{outlet}.example", Morning.AddHours(hours));

    private async Task FetchAsync(params ParsedItem[] items)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(_topicId, TestData.GoogleNewsFeed(items), "en-US", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<StoryStore>().PlaceUnplacedAsync(_topicId, CancellationToken.None);
    }

    private async Task<Dictionary<string, long>> StoriesAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ArticleTopics.Where(m => m.TopicId == _topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { a.Headline, m.StoryId })
            .ToDictionaryAsync(x => x.Headline, x => x.StoryId!.Value);
    }

    [Fact]
    public async Task A_later_fetch_with_a_closer_partner_regroups_the_story_it_touches_as_one_batch_would_and_the_bulk_keeps_the_id()
    {
        await FetchAsync(Item(1, A, 0), Item(2, B, 1));
        var first = await StoriesAsync();
        Assert.Equal(first[A], first[B]);

        await FetchAsync(Item(3, C, 2));
        var second = await StoriesAsync();

        // One batch of A, B, C: B and C merge first (0.90); A is then too far from their centroid (0.49 < 0.60).
        // Placed against the stored story without re-placing, C would join A and B (0.66 to their centroid).
        Assert.Equal(3, second.Count);
        Assert.Equal(second[B], second[C]);
        Assert.NotEqual(second[A], second[B]);
        Assert.Equal(first[B], second[B]);
    }

    [Fact]
    public async Task Articles_an_admin_placed_stay_where_they_are_when_a_later_fetch_regroups_their_story()
    {
        await FetchAsync(Item(1, A, 0), Item(2, B, 1));
        var first = await StoriesAsync();
        await using (var db = _database.CreateContext())
            await db.ArticleTopics.Where(m => m.TopicId == _topicId).ExecuteUpdateAsync(m => m.SetProperty(x => x.StoryPinned, true));

        await FetchAsync(Item(3, C, 2));
        var second = await StoriesAsync();

        Assert.Equal(3, second.Count);
        Assert.Equal((first[A], first[A]), (second[A], second[B]));
    }
}
