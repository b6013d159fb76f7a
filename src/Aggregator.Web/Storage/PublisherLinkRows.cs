using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Storage;

/// <summary>The publisher links of articles: which still wait for a look-up, and the results, written in one statement.</summary>
public sealed class PublisherLinkRows(AppDbContext db)
{
    /// <summary>A topic's look-ups of articles published since <paramref name="since"/>: found, not found, and the latest reason.</summary>
    public sealed record Summary(int Found, int NotFound, string? LatestFailure);

    public async Task<Dictionary<int, Summary>> SummariesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.ArticleTopics
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { m.TopicId, a.PublishedAt, a.PublisherLinkCheckedAt, a.PublisherLink, a.PublisherLinkFailure })
            .Where(x => x.PublishedAt >= since && x.PublisherLinkCheckedAt != null)
            .GroupBy(x => x.TopicId)
            .Select(g => new
            {
                TopicId = g.Key,
                Found = g.Count(x => x.PublisherLink != null),
                NotFound = g.Count(x => x.PublisherLink == null),
                Latest = g.Where(x => x.PublisherLinkFailure != null).OrderByDescending(x => x.PublisherLinkCheckedAt).Select(x => x.PublisherLinkFailure).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.TopicId, r => new Summary(r.Found, r.NotFound, r.Latest));
    }

    public const string GoogleNewsPrefix = "https://news.google.com/";

    /// <summary>A topic's Google News articles published since <paramref name="since"/> not yet looked up, newest first.</summary>
    public async Task<List<(long Id, string Link)>> PendingAsync(int topicId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.ArticleTopics.Where(m => m.TopicId == topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (_, a) => a)
            .Where(a => a.PublishedAt >= since && a.PublisherLinkCheckedAt == null && a.Link.StartsWith(GoogleNewsPrefix))
            .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id)
            .Take(limit)
            .Select(a => new { a.Id, a.Link })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Link)).ToList();
    }

    /// <summary>Records each look-up: the URL, or why there is none, and the time either way (an article is looked up once).</summary>
    public async Task SaveAsync(IReadOnlyList<(long Id, string? Url, string? Failure)> results, DateTimeOffset checkedAt, CancellationToken cancellationToken)
    {
        if (results.Count == 0) return;
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE articles a SET publisher_link = r.url, publisher_link_failure = r.failure, publisher_link_checked_at = @checked
            FROM unnest(@ids, @urls, @failures) AS r(id, url, failure)
            WHERE a.id = r.id
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("ids", results.Select(r => r.Id).ToArray());
        command.Parameters.Add(new NpgsqlParameter("urls", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Select(r => (object?)r.Url ?? DBNull.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("failures", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Select(r => (object?)r.Failure ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("checked", checkedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
