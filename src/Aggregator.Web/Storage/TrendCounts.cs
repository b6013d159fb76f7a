using Microsoft.EntityFrameworkCore;

namespace Aggregator.Storage;

/// <summary>
/// One row of the single trends query: a day's count on a side (<c>articles</c>), a day's stories and how many both
/// sides covered (<c>stories</c>), one of a side's busiest outlets (<c>outlet</c>), or a side's count in a language the
/// digests leave out (<c>language</c>, the code in <see cref="Outlet"/>), or the window's distinct stories and how many
/// both sides covered over the window (<c>total</c>: a story of several days counts once).
/// </summary>
public sealed record TrendRow(string Kind, DateOnly? Day, string? Side, string? Outlet, int Count, int BothSides);

public static class TrendCounts
{
    /// <summary>
    /// Grouped in PostgreSQL (a year of a busy topic is ~100,000 articles; a few hundred counts leave the server), in
    /// one pass over the window's articles that every aggregate reads.
    /// </summary>
    public static Task<List<TrendRow>> ReadAsync(AppDbContext db, int topicId, DateTimeOffset start, string[] sideCodes, string[] languages,
        int topOutlets, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<TrendRow>($"""
            WITH window_articles AS MATERIALIZED (
                SELECT (a.published_at AT TIME ZONE 'UTC')::date AS day, a.side, a.source_name, m.story_id, a.language
                FROM article_topics m JOIN articles a ON a.id = m.article_id
                WHERE m.topic_id = {topicId} AND a.published_at >= {start} AND a.side = ANY({sideCodes}))
            SELECT 'articles' AS kind, day, side, NULL AS outlet, count(*)::int AS count, 0 AS both_sides
            FROM window_articles GROUP BY day, side
            UNION ALL
            SELECT 'stories', day, NULL, NULL, count(*)::int, count(*) FILTER (WHERE sides = {sideCodes.Length})::int
            FROM (SELECT day, story_id, count(DISTINCT side) AS sides FROM window_articles WHERE story_id IS NOT NULL
                  GROUP BY day, story_id) AS day_stories
            GROUP BY day
            UNION ALL
            SELECT 'outlet', NULL, side, outlet, articles, 0
            FROM (SELECT side, source_name AS outlet, count(*)::int AS articles,
                         row_number() OVER (PARTITION BY side ORDER BY count(*) DESC, lower(source_name)) AS rank
                  FROM window_articles GROUP BY side, source_name) AS ranked
            WHERE rank <= {topOutlets}
            UNION ALL
            SELECT 'language', NULL, side, language, count(*)::int, 0
            FROM window_articles WHERE NOT (language = ANY({languages})) GROUP BY side, language
            UNION ALL
            SELECT 'total', NULL, NULL, NULL, count(*)::int, count(*) FILTER (WHERE sides = {sideCodes.Length})::int
            FROM (SELECT story_id, count(DISTINCT side) AS sides FROM window_articles WHERE story_id IS NOT NULL
                  GROUP BY story_id) AS window_stories
            """).ToListAsync(cancellationToken);
}
