using Aggregator.Storage;

namespace Aggregator.Stories;

/// <summary>
/// Makes and keeps the headline embeddings of articles (<see cref="EmbeddingRows"/>): each article is embedded once,
/// by the current model, in batches, and never inside a transaction that holds a story lock (the model is the slow part).
/// </summary>
public sealed class EmbeddingStore(EmbeddingRows rows, IHeadlineEmbedder embedder)
{
    /// <summary>Articles embedded per round trip: one INSERT per this many vectors.</summary>
    public const int WriteBatch = 256;

    /// <summary>Embeds those of <paramref name="articleIds"/> that have no embedding of the current model. Returns how many it made.</summary>
    public async Task<int> EnsureAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0) return 0;
        var missing = await rows.MissingAsync(articleIds.ToArray(), embedder.Model, cancellationToken);
        foreach (var batch in missing.Chunk(WriteBatch))
        {
            var vectors = embedder.Embed(batch.Select(a => a.Headline).ToList(), cancellationToken);
            await rows.WriteAsync(batch.Select(a => a.Id).ToArray(), vectors, embedder.Model, cancellationToken);
        }
        return missing.Count;
    }

    /// <summary>The embedding of each of <paramref name="articleIds"/>, made first where missing.</summary>
    public async Task<Dictionary<long, float[]>> ReadAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        await EnsureAsync(articleIds, cancellationToken);
        return await rows.ReadAsync(articleIds.ToArray(), embedder.Model, cancellationToken);
    }
}
