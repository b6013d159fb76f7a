using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.Extensions.Options;

namespace Aggregator.Ingestion;

/// <summary>
/// The stage after ingest that finds the publisher's URL behind a topic's Google News links (its own job, never inside
/// ingest): newest first, a bounded number per run, each article once, found or not. A link not found stays Google's.
/// </summary>
public sealed class PublisherLinks(PublisherLinkRows rows, PublisherLinkResolver resolver, IOptions<PublisherLinkOptions> options,
    TimeProvider clock, ILogger<PublisherLinks> logger)
{
    /// <summary>
    /// Looks up the topic's recent links not yet looked up; returns how many were found and how many not. In offline
    /// replay only the ids that carry their URL are resolved; the others wait, unasked, for a run that is online.
    /// </summary>
    public async Task<(int Found, int NotFound)> ResolveAsync(int topicId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return (0, 0);
        var pending = await rows.PendingAsync(topicId, clock.GetUtcNow() - settings.Window, settings.PerRun, cancellationToken);
        var results = new List<(long Id, string? Url, string? Failure)>(pending.Count);
        foreach (var (id, link) in pending)
        {
            var articleId = GoogleNewsLinks.ArticleId(link);
            var found = articleId is null ? PublisherLink.Failed("not a Google News article link") : await resolver.ResolveAsync(articleId, cancellationToken);
            if (!found.Asked) continue;
            if (found.Failure is not null)
                logger.LogInformation("No publisher link for article {ArticleId}: {Reason}", id, found.Failure);
            results.Add(found.Url is { Length: <= ColumnLengths.Link } url
                ? (id, url, null)
                : (id, null, ColumnLengths.Fit(found.Failure ?? "the URL is longer than a link may be", ColumnLengths.PublisherLinkFailure)));
        }
        await rows.SaveAsync(results, clock.GetUtcNow(), cancellationToken);
        var foundCount = results.Count(r => r.Url is not null);
        return (foundCount, results.Count - foundCount);
    }
}
