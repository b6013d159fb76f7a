using System.Collections.Concurrent;
using Aggregator.Extraction;
using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Ingestion;

/// <summary>
/// The stage that reads the text behind a topic's articles, for topics that ask for it (its own job, never inside
/// ingest): newest first, a bounded number per run, a few pages at once, each through the polite page source. Every
/// attempt is recorded, with its failure when it failed; a site that did not answer is tried again on a later run, up
/// to <see cref="ArticleTextOptions.MaxAttempts"/> times, and refusals (robots, 403, paywall, size) are not.
/// </summary>
public sealed class ArticleTexts(AppDbContext db, ArticleTextRows rows, IArticlePageSource pages, IOptions<ArticleTextOptions> options,
    TimeProvider clock, ILogger<ArticleTexts> logger)
{
    /// <summary>A failed site is not asked again sooner than this.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromHours(1);

    public async Task<(int Fetched, int Failed)> FetchAsync(int topicId, CancellationToken cancellationToken)
    {
        if (!await db.Topics.AnyAsync(t => t.Id == topicId && t.FetchArticleText, cancellationToken)) return (0, 0);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var pending = await rows.PendingAsync(topicId, now - settings.Window, settings.PerRun, settings.MaxAttempts, now - RetryPause, cancellationToken);
        var results = new ConcurrentBag<ArticleText>();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(settings.Concurrency, 1), CancellationToken = cancellationToken },
            async (article, token) =>
            {
                if (await ReadAsync(article, token) is { } result) results.Add(result);
            });
        var saved = results.OrderBy(r => r.ArticleId).ToList();
        await rows.SaveAsync(saved, cancellationToken);
        var fetched = saved.Count(r => r.Status == ArticleTextStatuses.Fetched);
        return (fetched, saved.Count - fetched);
    }

    /// <summary>One page read and extracted; null when nothing was asked (offline, no saved copy).</summary>
    private async Task<ArticleText?> ReadAsync(ArticleTextRows.Pending article, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(article.Url, UriKind.Absolute, out var url)) return Failed(article, ArticleTextStatuses.HttpError, "the link is not a URL", null);
        var page = await pages.FetchAsync(new PageRequest(url, article.ETag, article.LastModified), cancellationToken);
        if (!page.Asked) return null;
        if (page.NotModified) return Result(article, ArticleTextStatuses.Fetched, null, page.HttpStatus, null, page);
        if (page.Html is null)
        {
            logger.LogInformation("No text for article {ArticleId} from {Url}: {Status}, {Failure}", article.ArticleId, article.Url, page.Status, page.Failure);
            return Failed(article, page.Status, page.Failure ?? page.Status, page.HttpStatus);
        }
        var extracted = ArticleExtractor.Extract(page.Html, page.FinalUrl ?? url);
        var (status, failure) = PageTextOutcome.Of(page.Html, extracted);
        if (failure is not null)
        {
            logger.LogInformation("No text for article {ArticleId} from {Url}: {Status}, {Failure}", article.ArticleId, article.Url, status, failure);
            return Failed(article, status, failure, page.HttpStatus);
        }
        return Result(article, status, extracted, page.HttpStatus, null, page);
    }

    private ArticleText Failed(ArticleTextRows.Pending article, string status, string failure, int? httpStatus) =>
        Result(article, status, null, httpStatus, ColumnLengths.Fit(failure, ColumnLengths.ArticleTextFailure), null);

    private ArticleText Result(ArticleTextRows.Pending article, string status, ExtractedArticle? extracted, int? httpStatus, string? failure, PageResponse? page) => new()
    {
        ArticleId = article.ArticleId,
        Url = article.Url,
        Status = status,
        HttpStatus = httpStatus,
        Failure = failure,
        Language = article.Language,
        Text = extracted?.Text,
        Lead = extracted?.Lead is { } lead ? ColumnLengths.Fit(lead, ColumnLengths.Lead) : null,
        WordCount = extracted?.WordCount ?? 0,
        ExtractorVersion = extracted is null ? null : ArticleExtractor.Version,
        ETag = page?.ETag is { } etag ? ColumnLengths.Fit(etag, ColumnLengths.Validator) : null,
        LastModified = page?.LastModified is { } modified ? ColumnLengths.Fit(modified, ColumnLengths.Validator) : null,
        AttemptedAt = clock.GetUtcNow(),
    };
}
