using Aggregator.Digests;
using Aggregator.Fetching;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Replay;

/// <summary>One saved feed of a replay: its import, and the digests whose windows had closed once it was in.</summary>
public sealed record ReplayedFeed(string Path, FetchRun Run, IReadOnlyList<PublishResult> Digests);

/// <summary>
/// Replays saved feeds as the days they are. The files are imported in the order of their newest item, each as the
/// fetch that brought it; after each, every digest whose window had closed by that item's time is built, as the
/// scheduled job builds it (placement first, then the day). When the files run out, the replay's clock moves past the
/// window of the last item, so the last day is built too. Imports and builds are idempotent: a second replay of the
/// same files stores nothing new and keeps every digest's version.
/// For demos (the bundled fortnight, <c>samples/google-news/</c>) and for operators trying a registry change on saved
/// feeds in a scratch database.
/// </summary>
public sealed class DayByDayReplay(AppDbContext db, FeedFileImporter importer, DigestPublisher publisher, IOptions<FetchOptions> options)
{
    public async Task<IReadOnlyList<ReplayedFeed>> ReplayAsync(string topicSlug, string directory, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == topicSlug, cancellationToken)
            ?? throw new TopicNotFoundException(topicSlug);
        var files = Directory.GetFiles(directory, "*.xml")
            .Select(path => (Path: path, Times: ItemTimes(path)))
            // A file that cannot be read goes first: its import records why, and the days are built from the others.
            .OrderBy(file => file.Times?.Newest ?? DateTimeOffset.MinValue).ThenBy(file => file.Path, StringComparer.Ordinal)
            .ToList();

        var replayed = new List<ReplayedFeed>();
        DateOnly? nextDay = null;
        DateTimeOffset? newest = null;
        foreach (var (path, times) in files)
        {
            var import = await importer.ImportAsync(topicSlug, path, cancellationToken, FetchTriggers.Replay);
            var digests = new List<PublishResult>();
            if (times is { } t)
            {
                nextDay ??= DigestWindow.LatestClosedDate(topic, t.Oldest).AddDays(1);
                newest = t.Newest;
                digests.AddRange(await PublishThroughAsync(topicSlug, nextDay.Value, DigestWindow.LatestClosedDate(topic, t.Newest), cancellationToken));
                nextDay = DateOnly.FromDayNumber(Math.Max(nextDay.Value.DayNumber, DigestWindow.LatestClosedDate(topic, t.Newest).DayNumber + 1));
            }
            replayed.Add(new ReplayedFeed(path, import.Run, digests));
        }
        if (nextDay is { } last && newest is { } end && replayed.Count > 0)
        {
            // The files are over: the day the last items fell in is closed too.
            var remaining = await PublishThroughAsync(topicSlug, last, DigestWindow.LatestClosedDate(topic, end).AddDays(1), cancellationToken);
            replayed[^1] = replayed[^1] with { Digests = [.. replayed[^1].Digests, .. remaining] };
        }
        return replayed;
    }

    private async Task<List<PublishResult>> PublishThroughAsync(string topicSlug, DateOnly from, DateOnly through, CancellationToken cancellationToken)
    {
        var results = new List<PublishResult>();
        for (var day = from; day <= through; day = day.AddDays(1))
            results.Add(await publisher.PublishAsync(topicSlug, day, cancellationToken));
        return results;
    }

    /// <summary>The oldest and newest item times of a saved feed; null when it cannot be read as one (the import says why).</summary>
    private (DateTimeOffset Oldest, DateTimeOffset Newest)? ItemTimes(string path)
    {
        if (new FileInfo(path).Length > options.Value.MaxBodyBytes) return null;
        var parsed = FeedParser.Parse(File.ReadAllBytes(path), options.Value.MaxBodyBytes);
        var times = parsed.Feed?.Items.Select(i => i.PublishedAt).OfType<DateTimeOffset>().ToList();
        return times is { Count: > 0 } ? (times.Min(), times.Max()) : null;
    }
}
