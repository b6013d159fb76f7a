using Aggregator.Ingestion;
using Aggregator.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Scheduling;

/// <summary>Reads the text behind a topic's new articles, for topics that ask for it: continues each publisher-link look-up.</summary>
public sealed class FetchArticleTextsJob(AppDbContext db, ArticleTexts texts)
{
    /// <summary>What a run leaves (and sites that failed to answer) is taken by the next fetch's run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(string topicSlug, CancellationToken cancellationToken)
    {
        var topicId = await db.Topics.Where(t => t.Slug == topicSlug).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (topicId is null) return $"no topic '{topicSlug}'";
        var (fetched, failed) = await texts.FetchAsync(topicId.Value, cancellationToken);
        return $"{fetched} article texts read, {failed} pages failed";
    }
}
