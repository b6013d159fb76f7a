using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>Table <c>article_embeddings</c>: one vector per article, tagged with the model that made it.</summary>
public sealed class EmbeddingRows(AppDbContext db)
{
    /// <summary>Those of <paramref name="articleIds"/> with no vector of <paramref name="model"/>, with their headlines, by id.</summary>
    public async Task<List<(long Id, string Headline)>> MissingAsync(long[] articleIds, string model, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("""
            SELECT a.id, a.headline FROM articles a
            LEFT JOIN article_embeddings e ON e.article_id = a.id AND e.model = @model
            WHERE a.id = ANY(@ids) AND e.article_id IS NULL
            ORDER BY a.id
            """, cancellationToken);
        command.Parameters.AddWithValue("ids", articleIds);
        command.Parameters.AddWithValue("model", model);
        var missing = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) missing.Add((reader.GetInt64(0), reader.GetString(1)));
        return missing;
    }

    public async Task<Dictionary<long, float[]>> ReadAsync(long[] articleIds, string model, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("SELECT article_id, vector FROM article_embeddings WHERE article_id = ANY(@ids) AND model = @model", cancellationToken);
        command.Parameters.AddWithValue("ids", articleIds);
        command.Parameters.AddWithValue("model", model);
        var vectors = new Dictionary<long, float[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) vectors[reader.GetInt64(0)] = reader.GetFieldValue<float[]>(1);
        return vectors;
    }

    /// <summary>
    /// One statement per batch: the vectors travel as one flat array and are cut apart by PostgreSQL. Two placements
    /// of a topic may embed the same new article at once (a fetch's job and a digest build); the first one's vector
    /// stays, and only another model's vector is replaced. A headline the model does not read is stored with an empty
    /// vector: embedded, with nothing to compare.
    /// </summary>
    public async Task WriteAsync(long[] ids, float[][] vectors, string model, CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return;
        var dimensions = vectors.Max(v => v.Length);
        if (vectors.Any(v => v.Length != dimensions && v.Length != 0)) throw new InvalidOperationException("The embedder returned vectors of different lengths.");
        var empty = ids.Where((_, i) => vectors[i].Length == 0).ToArray();
        if (empty.Length > 0)
        {
            await using var unread = await CommandAsync("""
                INSERT INTO article_embeddings (article_id, model, vector, created_at)
                SELECT t.id, @model, '{}'::real[], now() FROM unnest(@ids) AS t(id)
                ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, created_at = excluded.created_at
                WHERE article_embeddings.model <> excluded.model
                """, cancellationToken);
            unread.Parameters.AddWithValue("model", model);
            unread.Parameters.AddWithValue("ids", empty);
            await unread.ExecuteNonQueryAsync(cancellationToken);
        }
        (ids, vectors) = (ids.Where((_, i) => vectors[i].Length != 0).ToArray(), vectors.Where(v => v.Length != 0).ToArray());
        if (ids.Length == 0) return;
        await using var command = await CommandAsync("""
            INSERT INTO article_embeddings (article_id, model, vector, created_at)
            SELECT t.id, @model, (@flat::real[])[(t.n - 1) * @dims + 1 : t.n * @dims], now()
            FROM unnest(@ids) WITH ORDINALITY AS t(id, n)
            ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector, created_at = excluded.created_at
            WHERE article_embeddings.model <> excluded.model
            """, cancellationToken);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("flat", vectors.SelectMany(v => v).ToArray());
        command.Parameters.AddWithValue("dims", dimensions);
        command.Parameters.AddWithValue("ids", ids);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
