using Aggregator.Caching;
using Aggregator.Classification;
using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Microsoft.Extensions.Options;

namespace Aggregator.Ingestion;

/// <summary>What an ingest stored, and the outlets of its items that await an admin's review ("Name (side)").</summary>
public sealed record IngestResult(int Seen, int New, int Duplicate, int Skipped, int OutletPages, IReadOnlyList<string> OutletsAwaitingReview);

/// <summary>
/// Feed bytes → parsed feed → classified, keyed candidates → stored: the part of the pipeline shared by fetches and
/// file imports, so both parse with the same size cap and record their outcome on the fetch run the same way.
/// </summary>
public sealed class FeedIngestor(
    OutletClassifier classifier, ProvisionalSides provisionalSides, OutletStore outlets, ArticleStore store, ReaderPageCache readerPages,
    IOptions<FetchOptions> options, TimeProvider clock)
{
    /// <summary>A date this far ahead of now is a wrong clock, not news from the future.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    /// <summary>The largest feed body read, from the network or a file: <see cref="FetchOptions.MaxBodyBytes"/>.</summary>
    public int MaxBodyBytes => options.Value.MaxBodyBytes;

    /// <summary>
    /// Parses <paramref name="body"/> and stores its articles, recording on <paramref name="run"/> the bytes read and
    /// either the counts or the parse error. <paramref name="edition"/> is the feed's configured locale, if any.
    /// </summary>
    public async Task<IngestResult?> IngestBodyAsync(FetchRun run, ReadOnlyMemory<byte> body, string? edition, CancellationToken cancellationToken)
    {
        run.BytesRead = body.Length;
        var parsed = FeedParser.Parse(body.Span, MaxBodyBytes, cancellationToken);
        if (parsed.Error is { } error)
        {
            run.Fail(error.Code, error.Message);
            return null;
        }
        var result = await IngestAsync(run.TopicId, parsed.Feed!, edition, cancellationToken);
        run.Succeed(result.Seen, result.New, result.Duplicate, result.Skipped, result.OutletPages);
        return result;
    }

    public async Task<IngestResult> IngestAsync(int topicId, ParsedFeed feed, string? edition, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var locale = ColumnLengths.Fit(feed.LocaleFor(edition), ColumnLengths.Locale);
        // Only Google News names each item's outlet. An outlet's own feed speaks for that outlet alone: a <source> on
        // its items could otherwise pass them off as another outlet's (and side's), so there the feed is the outlet.
        var feedAsOutlet = feed.IsGoogleNews ? new OutletClue(null, null) : new OutletClue(feed.Title, feed.Link);
        var clues = feed.Items
            .Select(item => feed.IsGoogleNews && (item.SourceName is not null || item.SourceUrl is not null) ? new OutletClue(item.SourceName, item.SourceUrl) : feedAsOutlet)
            .ToList();
        var matches = await ClassifyAsync(clues, cancellationToken);

        // An item whose identity (link, id) does not fit its column cannot be stored faithfully: it is left out and
        // counted, and the rest of the feed is stored. Names and headlines are cut to fit instead.
        // Each link is normalized once, and only when it fits its column (a hostile megabyte-long link is not parsed).
        var storable = feed.Items
            .Select((item, index) => (Item: item, Index: index, NormalizedLink: item.Link.Length <= ColumnLengths.Link ? ArticleKeys.NormalizeLink(item.Link) : null))
            .Where(x => x.NormalizedLink is not null && Fits(x.Item, x.NormalizedLink)).ToList();
        var candidates = storable.Select(x =>
        {
            var (item, index, normalizedLink) = (x.Item, x.Index, x.NormalizedLink!);
            var outlet = matches[clues[index]];
            var published = item.PublishedAt is { } date && date <= now + FutureTolerance ? date : now;
            return new ArticleCandidate(
                item.Guid, item.Link, normalizedLink,
                ColumnLengths.Fit(item.Headline, ColumnLengths.Headline), ColumnLengths.Fit(ArticleKeys.NormalizeTitle(item.Headline), ColumnLengths.Headline),
                outlet.OutletId, outlet.Side, ColumnLengths.Fit(feed.IsGoogleNews ? item.SourceName ?? outlet.Name : outlet.Name, ColumnLengths.OutletName),
                feed.IsGoogleNews ? item.SourceUrl : null, locale, published,
                IsOutletPage: OutletPages.IsOutletPage(item.Headline, item.SourceName, outlet.Name),
                Language: ArticleLanguages.Of(item.Headline, locale));
        }).ToList();
        var stored = await store.StoreAsync(topicId, candidates, cancellationToken);

        var awaitingReview = matches.Values.Where(o => o.Provisional || o.Side == Side.Unclassified)
            .Select(o => $"{o.Name} ({o.Side.ToCode()})").Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
        // Items the parser dropped (no http(s) link, no headline) count as seen and skipped, like those too long to store.
        return new IngestResult(feed.Items.Count + feed.ItemsDropped, stored.New, stored.Duplicate, feed.Items.Count - storable.Count + feed.ItemsDropped,
            candidates.Count(c => c.IsOutletPage), awaitingReview);
    }

    private static bool Fits(ParsedItem item, string normalizedLink) =>
        normalizedLink.Length <= ColumnLengths.Link
        && (item.Guid?.Length ?? 0) <= ColumnLengths.ArticleGuid
        && (item.SourceUrl?.Length ?? 0) <= ColumnLengths.SourceUrl;

    /// <summary>
    /// Every clue's outlet. One the registry lacks is stored first, with a provisional side by rule, so no article is
    /// ever dropped for want of an outlet and the long tail of outlets counts in digests; it waits in the review queue.
    /// </summary>
    private async Task<IReadOnlyDictionary<OutletClue, OutletMatch>> ClassifyAsync(IReadOnlyList<OutletClue> clues, CancellationToken cancellationToken)
    {
        var matches = await classifier.ClassifyAsync(clues, cancellationToken);
        var unknown = clues.Distinct().Where(clue => !matches.ContainsKey(clue)).ToList();
        if (unknown.Count == 0) return matches;
        await outlets.AddDiscoveredAsync(unknown.Select(provisionalSides.Describe).ToList(), cancellationToken);
        // The public outlets page lists them: cached copies on every instance are now out of date.
        await readerPages.EvictAsync(cancellationToken);
        matches = await classifier.ClassifyAsync(clues, cancellationToken);
        var missing = unknown.FirstOrDefault(clue => !matches.ContainsKey(clue));
        return missing is null ? matches : throw new InvalidOperationException($"Outlet for '{missing.Name}' ({missing.Url}) was not stored.");
    }
}
