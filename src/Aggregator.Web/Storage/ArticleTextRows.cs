using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Storage;

/// <summary>The article-text table: which articles wait for their page, the attempts' results, and the leads readers see.</summary>
public sealed class ArticleTextRows(AppDbContext db)
{
    /// <summary>An article whose page is to be fetched: where, in what language, and what the last attempt left.</summary>
    public sealed record Pending(long ArticleId, string Url, string Language, string? ETag, string? LastModified, int Attempts);

    /// <summary>
    /// A topic's articles published since <paramref name="since"/> whose page has not been fetched, or whose site failed
    /// to answer fewer than <paramref name="maxAttempts"/> times and not after <paramref name="retryBefore"/>; newest
    /// first. Only articles whose publisher's URL is known: the publisher's link once found, or an outlet feed's own link.
    /// </summary>
    public async Task<List<Pending>> PendingAsync(int topicId, DateTimeOffset since, int limit, int maxAttempts, DateTimeOffset retryBefore,
        CancellationToken cancellationToken)
    {
        string[] transient = [ArticleTextStatuses.Timeout, ArticleTextStatuses.ConnectionFailed, ArticleTextStatuses.HttpError];
        var rows = await db.ArticleTopics.Where(m => m.TopicId == topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (_, a) => a)
            .Where(a => a.PublishedAt >= since && !a.IsOutletPage && (a.PublisherLink != null || !a.Link.StartsWith(PublisherLinkRows.GoogleNewsPrefix)))
            .GroupJoin(db.ArticleTexts, a => a.Id, t => t.ArticleId, (a, texts) => new { a, texts })
            .SelectMany(x => x.texts.DefaultIfEmpty(), (x, t) => new { x.a, t })
            .Where(x => x.t == null || (transient.Contains(x.t.Status) && x.t.Attempts < maxAttempts && x.t.AttemptedAt <= retryBefore))
            .OrderByDescending(x => x.a.PublishedAt).ThenBy(x => x.a.Id)
            .Take(limit)
            .Select(x => new Pending(x.a.Id, x.a.PublisherLink ?? x.a.Link, x.a.Language, x.t == null ? null : x.t.ETag,
                x.t == null ? null : x.t.LastModified, x.t == null ? 0 : x.t.Attempts))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Records the attempts in one statement: a new row, or the article's row updated (attempts counted). A page that had
    /// not changed (<see cref="ArticleText.Text"/> null on a fetched result) keeps its stored text.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<ArticleText> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0) return;
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO article_texts (article_id, url, status, http_status, failure, language, text, lead, word_count,
                                       extractor_version, e_tag, last_modified, attempted_at, attempts)
            SELECT r.article_id, r.url, r.status, r.http_status, r.failure, r.language, r.text, r.lead, r.word_count,
                   r.extractor_version, r.e_tag, r.last_modified, r.attempted_at, 1
            FROM unnest(@ids, @urls, @statuses, @http, @failures, @languages, @texts, @leads, @words, @versions, @etags, @modified, @attempted)
                 AS r(article_id, url, status, http_status, failure, language, text, lead, word_count, extractor_version, e_tag, last_modified, attempted_at)
            ON CONFLICT (article_id) DO UPDATE SET
                url = excluded.url, status = excluded.status, http_status = excluded.http_status, failure = excluded.failure,
                language = excluded.language,
                text = CASE WHEN excluded.status = 'fetched' AND excluded.text IS NULL THEN article_texts.text ELSE excluded.text END,
                lead = CASE WHEN excluded.status = 'fetched' AND excluded.text IS NULL THEN article_texts.lead ELSE excluded.lead END,
                word_count = CASE WHEN excluded.status = 'fetched' AND excluded.text IS NULL THEN article_texts.word_count ELSE excluded.word_count END,
                extractor_version = coalesce(excluded.extractor_version, article_texts.extractor_version),
                e_tag = coalesce(excluded.e_tag, article_texts.e_tag),
                last_modified = coalesce(excluded.last_modified, article_texts.last_modified),
                attempted_at = excluded.attempted_at, attempts = article_texts.attempts + 1
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("ids", results.Select(r => r.ArticleId).ToArray());
        command.Parameters.AddWithValue("urls", results.Select(r => r.Url).ToArray());
        command.Parameters.AddWithValue("statuses", results.Select(r => r.Status).ToArray());
        command.Parameters.Add(Nullable("http", NpgsqlDbType.Integer, results.Select(r => (object?)r.HttpStatus)));
        command.Parameters.Add(Nullable("failures", NpgsqlDbType.Text, results.Select(r => (object?)r.Failure)));
        command.Parameters.Add(Nullable("languages", NpgsqlDbType.Text, results.Select(r => (object?)r.Language)));
        command.Parameters.Add(Nullable("texts", NpgsqlDbType.Text, results.Select(r => (object?)r.Text)));
        command.Parameters.Add(Nullable("leads", NpgsqlDbType.Text, results.Select(r => (object?)r.Lead)));
        command.Parameters.AddWithValue("words", results.Select(r => r.WordCount).ToArray());
        command.Parameters.Add(Nullable("versions", NpgsqlDbType.Text, results.Select(r => (object?)r.ExtractorVersion)));
        command.Parameters.Add(Nullable("etags", NpgsqlDbType.Text, results.Select(r => (object?)r.ETag)));
        command.Parameters.Add(Nullable("modified", NpgsqlDbType.Text, results.Select(r => (object?)r.LastModified)));
        command.Parameters.AddWithValue("attempted", results.Select(r => r.AttemptedAt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, IEnumerable<object?> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.Select(v => v ?? DBNull.Value).ToArray() };

    /// <summary>The leads of those of <paramref name="articleIds"/> whose text was fetched.</summary>
    public async Task<Dictionary<long, string>> LeadsAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken) =>
        articleIds.Count == 0
            ? []
            : await db.ArticleTexts.AsNoTracking()
                .Where(t => articleIds.Contains(t.ArticleId) && t.Status == ArticleTextStatuses.Fetched && t.Lead != null)
                .ToDictionaryAsync(t => t.ArticleId, t => t.Lead!, cancellationToken);

    /// <summary>One page attempt as admins see it: the article, the page, what came of it.</summary>
    public sealed record Attempt(string Headline, string Url, string Status, int? HttpStatus, string? Failure, int WordCount, int Attempts, DateTimeOffset AttemptedAt);

    /// <summary>A topic's latest page attempts, newest first.</summary>
    public async Task<List<Attempt>> LatestAsync(int topicId, int limit, CancellationToken cancellationToken) =>
        await db.ArticleTexts.AsNoTracking()
            .Join(db.ArticleTopics.Where(m => m.TopicId == topicId), t => t.ArticleId, m => m.ArticleId, (t, _) => t)
            .Join(db.Articles, t => t.ArticleId, a => a.Id, (t, a) => new { t, a.Headline })
            .OrderByDescending(x => x.t.AttemptedAt).ThenBy(x => x.t.ArticleId)
            .Take(limit)
            .Select(x => new Attempt(x.Headline, x.t.Url, x.t.Status, x.t.HttpStatus, x.t.Failure, x.t.WordCount, x.t.Attempts, x.t.AttemptedAt))
            .ToListAsync(cancellationToken);

    /// <summary>A topic's page fetches since <paramref name="since"/>: how many gave text, how many failed by status, and the latest failure.</summary>
    public sealed record Summary(int Fetched, IReadOnlyDictionary<string, int> Failed, string? LatestFailure);

    public async Task<Dictionary<int, Summary>> SummariesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var counts = await db.ArticleTexts.Where(t => t.AttemptedAt >= since)
            .Join(db.ArticleTopics, t => t.ArticleId, m => m.ArticleId, (t, m) => new { m.TopicId, t.Status })
            .GroupBy(x => new { x.TopicId, x.Status })
            .Select(g => new { g.Key.TopicId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var latest = await db.ArticleTexts.Where(t => t.AttemptedAt >= since && t.Failure != null)
            .Join(db.ArticleTopics, t => t.ArticleId, m => m.ArticleId, (t, m) => new { m.TopicId, t.AttemptedAt, t.Url, t.Failure })
            .GroupBy(x => x.TopicId)
            .Select(g => g.OrderByDescending(x => x.AttemptedAt).Select(x => new { x.TopicId, x.Url, x.Failure }).First())
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.TopicId).ToDictionary(g => g.Key, g => new Summary(
            g.Where(c => c.Status == ArticleTextStatuses.Fetched).Sum(c => c.Count),
            g.Where(c => c.Status != ArticleTextStatuses.Fetched).ToDictionary(c => c.Status, c => c.Count),
            latest.FirstOrDefault(l => l.TopicId == g.Key) is { } l ? $"{l.Url}: {l.Failure}" : null));
    }
}
