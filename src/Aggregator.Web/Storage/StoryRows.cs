using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>An article as story placement reads it.</summary>
public sealed record StoryArticleRow(long Id, string Headline, DateTimeOffset PublishedAt, Side Side);

/// <summary>A member of a stored story, with the story's id and whether it takes new articles.</summary>
public sealed record StoryMemberRow(long StoryId, bool AcceptsNewArticles, StoryArticleRow Article);

/// <summary>
/// The statements of story placement (tables <c>stories</c> and <c>article_topics.story_id</c>), run on the context's
/// connection and inside its transaction, where the caller holds the topic's story lock.
/// </summary>
public sealed class StoryRows(AppDbContext db, TimeProvider clock)
{
    /// <summary>Those of <paramref name="articleIds"/> of the topic that have no story and are articles (not outlet pages).</summary>
    public async Task<List<StoryArticleRow>> UnplacedAsync(int topicId, IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT a.id, a.headline, a.published_at, a.side
            FROM article_topics m JOIN articles a ON a.id = m.article_id
            WHERE m.topic_id = @topic AND m.article_id = ANY(@ids) AND m.story_id IS NULL AND NOT a.is_outlet_page
            """);
        command.Parameters.AddWithValue("topic", topicId);
        command.Parameters.AddWithValue("ids", articleIds.ToArray());
        var rows = new List<StoryArticleRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StoryArticleRow(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), SideOf(reader.GetString(3))));
        return rows;
    }

    /// <summary>The topic's headlines published after <paramref name="after"/> up to <paramref name="until"/>, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<List<string>> HeadlinesAsync(int topicId, DateTimeOffset after, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT a.headline
            FROM article_topics m JOIN articles a ON a.id = m.article_id
            WHERE m.topic_id = @topic AND a.published_at > @from AND a.published_at <= @to
            ORDER BY a.published_at DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("topic", topicId);
        command.Parameters.AddWithValue("from", after);
        command.Parameters.AddWithValue("to", until);
        command.Parameters.AddWithValue("limit", limit);
        var headlines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) headlines.Add(reader.GetString(0));
        return headlines;
    }

    /// <summary>The members of the topic's stories (not merged away) that reach into [from, to], by story.</summary>
    public async Task<List<StoryMemberRow>> StoriesReachingAsync(int topicId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT s.id, s.accepts_new_articles, a.id, a.headline, a.published_at, a.side
            FROM stories s
            JOIN article_topics m ON m.story_id = s.id AND m.topic_id = s.topic_id
            JOIN articles a ON a.id = m.article_id
            WHERE s.topic_id = @topic AND s.merged_into_id IS NULL
              AND s.last_article_at >= @from AND s.first_article_at <= @to
            ORDER BY s.id
            """);
        command.Parameters.AddWithValue("topic", topicId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var rows = new List<StoryMemberRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StoryMemberRow(reader.GetInt64(0), reader.GetBoolean(1),
                new StoryArticleRow(reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), SideOf(reader.GetString(5)))));
        return rows;
    }

    /// <summary>Takes the unpinned articles published since <paramref name="since"/> out of <paramref name="storyIds"/>; returns their ids.</summary>
    public async Task<HashSet<long>> ReleaseAsync(int topicId, long[] storyIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var release = Command("""
            UPDATE article_topics m SET story_id = NULL
            FROM articles a
            WHERE a.id = m.article_id AND m.topic_id = @topic AND m.story_id = ANY(@stories)
              AND NOT m.story_pinned AND a.published_at >= @since
            RETURNING m.article_id
            """);
        release.Parameters.AddWithValue("topic", topicId);
        release.Parameters.AddWithValue("stories", storyIds);
        release.Parameters.AddWithValue("since", since);
        var released = new HashSet<long>();
        await using var reader = await release.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) released.Add(reader.GetInt64(0));
        return released;
    }

    /// <summary>Takes the topic's unpinned articles published in [from, to) out of their stories; returns article → former story (0 for none).</summary>
    public async Task<Dictionary<long, long>> ReleaseRangeAsync(int topicId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var release = Command("""
            UPDATE article_topics m SET story_id = NULL
            FROM articles a, article_topics before
            WHERE a.id = m.article_id AND before.topic_id = m.topic_id AND before.article_id = m.article_id
              AND m.topic_id = @topic AND NOT m.story_pinned
              AND a.published_at >= @from AND a.published_at < @to
            RETURNING m.article_id, before.story_id
            """);
        release.Parameters.AddWithValue("topic", topicId);
        release.Parameters.AddWithValue("from", from);
        release.Parameters.AddWithValue("to", to);
        var former = new Dictionary<long, long>();
        await using var reader = await release.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) former[reader.GetInt64(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return former;
    }

    /// <summary>Moves articles of the topic into the stories <paramref name="placement"/> names (article → story).</summary>
    public async Task SetStoriesAsync(int topicId, IReadOnlyDictionary<long, long> placement, CancellationToken cancellationToken)
    {
        if (placement.Count == 0) return;
        await using var place = Command("""
            UPDATE article_topics m SET story_id = p.story_id
            FROM unnest(@articles, @stories) AS p(article_id, story_id)
            WHERE m.topic_id = @topic AND m.article_id = p.article_id
            """);
        place.Parameters.AddWithValue("topic", topicId);
        place.Parameters.AddWithValue("articles", placement.Keys.ToArray());
        place.Parameters.AddWithValue("stories", placement.Values.ToArray());
        await place.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary><paramref name="count"/> new, empty stories of the topic (<see cref="RefreshAsync"/> fills in their counts); their ids, ascending.</summary>
    public async Task<List<long>> AddEmptyAsync(int topicId, int count, CancellationToken cancellationToken)
    {
        await using var insert = Command("""
            INSERT INTO stories (topic_id, first_article_at, last_article_at, article_count, accepts_new_articles, created_at)
            SELECT @topic, @now, @now, 0, true, @now FROM generate_series(1, @count)
            RETURNING id
            """);
        insert.Parameters.AddWithValue("topic", topicId);
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        insert.Parameters.AddWithValue("count", count);
        var ids = new List<long>();
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        ids.Sort();
        return ids;
    }

    /// <summary>Recomputes the time span and article count of <paramref name="storyIds"/> from their articles.</summary>
    public async Task RefreshAsync(long[] storyIds, CancellationToken cancellationToken)
    {
        if (storyIds.Length == 0) return;
        await using var command = Command("""
            UPDATE stories s
            SET article_count = coalesce(agg.articles, 0),
                first_article_at = coalesce(agg.first_at, s.first_article_at),
                last_article_at = coalesce(agg.last_at, s.last_article_at)
            FROM unnest(@ids) AS target(id)
            LEFT JOIN LATERAL (
                SELECT count(*)::int AS articles, min(a.published_at) AS first_at, max(a.published_at) AS last_at
                FROM article_topics m JOIN articles a ON a.id = m.article_id
                WHERE m.story_id = target.id) agg ON true
            WHERE s.id = target.id
            """);
        command.Parameters.AddWithValue("ids", storyIds);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes those of <paramref name="storyIds"/> that were left without articles (and were not merged into another).</summary>
    public async Task PruneEmptiedAsync(long[] storyIds, CancellationToken cancellationToken)
    {
        if (storyIds.Length == 0) return;
        await using var prune = Command("DELETE FROM stories WHERE id = ANY(@ids) AND article_count = 0 AND merged_into_id IS NULL");
        prune.Parameters.AddWithValue("ids", storyIds);
        await prune.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Side SideOf(string code) => SideCodes.TryParse(code, out var side) ? side : Side.Unclassified;

    private NpgsqlCommand Command(string sql) =>
        new(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
}
