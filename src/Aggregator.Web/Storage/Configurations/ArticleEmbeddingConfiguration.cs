using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class ArticleEmbeddingConfiguration : IEntityTypeConfiguration<ArticleEmbedding>
{
    public void Configure(EntityTypeBuilder<ArticleEmbedding> embedding)
    {
        // A side table rather than a column: reader queries over articles never carry the 1.5 KB vectors.
        embedding.HasKey(e => e.ArticleId);
        embedding.Property(e => e.Model).HasMaxLength(ColumnLengths.EmbeddingModel);
        embedding.HasOne<Article>().WithOne().HasForeignKey<ArticleEmbedding>(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
