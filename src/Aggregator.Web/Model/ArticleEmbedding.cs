namespace Aggregator.Model;

/// <summary>
/// The sentence embedding of an article's headline, made once by the placement stage and read whenever the article
/// is compared with new ones. <see cref="Model"/> names the model that made it; a vector of another model is made anew.
/// </summary>
public sealed class ArticleEmbedding
{
    public long ArticleId { get; set; }
    public required string Model { get; set; }
    public required float[] Vector { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
