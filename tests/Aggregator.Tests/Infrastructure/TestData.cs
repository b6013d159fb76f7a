using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;

namespace Aggregator.Tests.Infrastructure;

/// <summary>Builders for the rows tests start from.</summary>
public static class TestData
{
    /// <summary>A Google News search feed of these items: the one kind of feed whose items name their own outlets.</summary>
    public static ParsedFeed GoogleNewsFeed(params ParsedItem[] items) =>
        new("\"US China\" - Google News", "en-US", "https://news.google.com/search?q=US+China&hl=en-US&gl=US&ceid=US:en", items, 0);

    public static async Task<Topic> AddTopicAsync(AppDbContext db, string slug, params Feed[] feeds)
    {
        var topic = new Topic
        {
            Slug = slug,
            Name = slug,
            CreatedAt = DateTimeOffset.UtcNow,
            Sides =
            [
                new TopicSide { Name = "United States", Side = Side.Us, Position = 0 },
                new TopicSide { Name = "China", Side = Side.China, Position = 1 },
            ],
            Feeds = [.. feeds],
        };
        db.Topics.Add(topic);
        await db.SaveChangesAsync();
        return topic;
    }

    public static Feed DirectFeed(string name, Uri url) =>
        new() { Name = name, Kind = FeedKind.Direct, Url = url.AbsoluteUri, Edition = "en-US", CreatedAt = DateTimeOffset.UtcNow };

    public static Feed GoogleFeed(string name, string query) =>
        new() { Name = name, Kind = FeedKind.GoogleNews, Query = query, Edition = "en-US", CreatedAt = DateTimeOffset.UtcNow };

    public static async Task<Outlet> AddOutletAsync(AppDbContext db, string name, Side side, string[]? domains = null, string[]? aliases = null)
    {
        var now = DateTimeOffset.UtcNow;
        var outlet = new Outlet
        {
            Name = name,
            NormalizedName = OutletKeys.NormalizeName(name),
            Side = side,
            Origin = OutletOrigin.Registry,
            FirstSeenAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            Domains = [.. (domains ?? []).Select(d => new OutletDomain { Host = d })],
            Aliases = [.. (aliases ?? []).Select(a => new OutletAlias { Name = a, NormalizedName = OutletKeys.NormalizeName(a) })],
        };
        db.Outlets.Add(outlet);
        await db.SaveChangesAsync();
        return outlet;
    }
}
