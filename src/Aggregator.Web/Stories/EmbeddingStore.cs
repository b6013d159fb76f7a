using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aggregator.Stories;

/// <summary>
/// Makes and keeps the headline embeddings of articles (table <c>article_embeddings</c>): each article is embedded once,
/// by the current model, in batches, and never inside a transaction that holds a story lock (the model is the slow part).
/// </summary>
public sealed class EmbeddingStore(AppDbContext db, IHeadlineEmbedder embedder)
{
    /// <summary>Articles embedded per round trip: one INSERT per this many vectors.</summary>
    public const int WriteBatch = 256;

    /// <summary>Embeds those of <paramref name="articleIds"/> that have no embedding of the current model. Returns how many it made.</summary>
    public async Task<int> EnsureAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0) return 0;
        await OpenAsync(cancellationToken);
        var missing = await MissingAsync(articleIds.ToArray(), cancellationToken);
        foreach (var batch in missing.Chunk(WriteBatch))
        {
            var vectors = embedder.Embed(batch.Select(a => a.Headline).ToList(), cancellationToken);
            await WriteAsync(batch.Select(a => a.Id).ToArray(), vectors, cancellationToken);
        }
        return missing.Count;
    }

    /// <summary>The embedding of each of <paramref name="articleIds"/>, made first where missing.</summary>
    public async Task<Dictionary<long, float[]>> ReadAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        await EnsureAsync(articleIds, cancellationToken);
        await OpenAsync(cancellationToken);
        await using var command = Command("SELECT article_id, vector FROM article_embeddings WHERE article_id = ANY(@ids) AND model = @model");
        command.Parameters.AddWithValue("ids", articleIds.ToArray());
        command.Parameters.AddWithValue("model", embedder.Model);
        var vectors = new Dictionary<long, float[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) vectors[reader.GetInt64(0)] = reader.GetFieldValue<float[]>(1);
        return vectors;
    }

    private async Task<List<(long Id, string Headline)>> MissingAsync(long[] articleIds, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT a.id, a.headline FROM articles a
            LEFT JOIN article_embeddings e ON e.article_id = a.id AND e.model = @model
            WHERE a.id = ANY(@ids) AND e.article_id IS NULL
            ORDER BY a.id
            """);
        command.Parameters.AddWithValue("ids", articleIds);
        command.Parameters.AddWithValue("model", embedder.Model);
        var missing = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) missing.Add((reader.GetInt64(0), reader.GetString(1)));
        return missing;
    }

    /// <summary>
    /// One statement per batch: the vectors travel as one flat array and are cut apart by PostgreSQL. Two placements
    /// of a topic may embed the same new article at once (a fetch's job and a digest build); the first one's vector
    /// stays, and only another model's vector is replaced.
    /// </summary>
    private async Task WriteAsync(long[] ids, float[][] vectors, CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return;
        var dimensions = vectors.Max(v => v.Length);
        if (vectors.Any(v => v.Length != dimensions && v.Length != 0)) throw new InvalidOperationException("The embedder returned vectors of different lengths.");
        // A headline the model does not read is stored with an empty vector: embedded, with nothing to compare.
        var empty = ids.Where((_, i) => vectors[i].Length == 0).ToArray();
        if (empty.Length > 0)
        {
            await using var unread = Command("""
                INSERT INTO article_embeddings (article_id, model, vector, created_at)
                SELECT t.id, @model, '{}'::real[], now() FROM unnest(@ids) AS t(id)
                ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, created_at = excluded.created_at
                WHERE article_embeddings.model <> excluded.model
                """);
            unread.Parameters.AddWithValue("model", embedder.Model);
            unread.Parameters.AddWithValue("ids", empty);
            await unread.ExecuteNonQueryAsync(cancellationToken);
        }
        (ids, vectors) = (ids.Where((_, i) => vectors[i].Length != 0).ToArray(), vectors.Where(v => v.Length != 0).ToArray());
        if (ids.Length == 0) return;
        await using var command = Command("""
            INSERT INTO article_embeddings (article_id, model, vector, created_at)
            SELECT t.id, @model, (@flat::real[])[(t.n - 1) * @dims + 1 : t.n * @dims], now()
            FROM unnest(@ids) WITH ORDINALITY AS t(id, n)
            ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, created_at = excluded.created_at
            WHERE article_embeddings.model <> excluded.model
            """);
        command.Parameters.AddWithValue("model", embedder.Model);
        command.Parameters.AddWithValue("flat", vectors.SelectMany(v => v).ToArray());
        command.Parameters.AddWithValue("dims", dimensions);
        command.Parameters.AddWithValue("ids", ids);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        return new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
