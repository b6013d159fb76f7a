using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Parsing;

namespace Aggregator.Ingestion;

public sealed record IngestResult(int Seen, int New, int Duplicate, IReadOnlyList<string> UnclassifiedOutlets);

/// <summary>Parsed feed → classified, keyed candidates → stored: the part of the pipeline shared by fetches and file imports.</summary>
public sealed class FeedIngestor(OutletClassifier classifier, ArticleStore store, TimeProvider clock)
{
    /// <summary>A date this far ahead of now is a wrong clock, not news from the future.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    public async Task<IngestResult> IngestAsync(int topicId, ParsedFeed feed, string locale, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var isGoogleNews = feed.Link is not null && OutletKeys.NormalizeHost(feed.Link) == "news.google.com";
        // An outlet's own feed names no source per item: the feed itself is the outlet.
        var feedAsOutlet = isGoogleNews ? new OutletClue(null, null) : new OutletClue(feed.Title, feed.Link);
        var clues = feed.Items
            .Select(item => item.SourceName is not null || item.SourceUrl is not null ? new OutletClue(item.SourceName, item.SourceUrl) : feedAsOutlet)
            .ToList();
        var outlets = await classifier.ClassifyAsync(clues, cancellationToken);

        var candidates = feed.Items.Select((item, index) =>
        {
            var outlet = outlets[clues[index]];
            var published = item.PublishedAt is { } date && date <= now + FutureTolerance ? date : now;
            return new ArticleCandidate(
                item.Guid, item.Link, ArticleKeys.NormalizeLink(item.Link), Truncate(item.Headline, 1000), Truncate(ArticleKeys.NormalizeTitle(item.Headline), 1000),
                outlet.OutletId, outlet.Alignment, Truncate(item.SourceName ?? outlet.Name, 200), item.SourceUrl, locale, published);
        }).ToList();
        var stored = await store.StoreAsync(topicId, candidates, cancellationToken);

        var unclassified = outlets.Values.Where(o => o.Alignment == Alignment.Unclassified).Select(o => o.Name).Distinct().Order().ToList();
        return new IngestResult(feed.Items.Count, stored.New, stored.Duplicate, unclassified);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
