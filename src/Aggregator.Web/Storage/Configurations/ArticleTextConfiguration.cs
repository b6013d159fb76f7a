using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class ArticleTextConfiguration : IEntityTypeConfiguration<ArticleText>
{
    public void Configure(EntityTypeBuilder<ArticleText> text)
    {
        text.HasKey(t => t.ArticleId);
        text.Property(t => t.Url).HasMaxLength(ColumnLengths.Link);
        text.Property(t => t.Status).HasMaxLength(ColumnLengths.ArticleTextStatus);
        text.Property(t => t.Failure).HasMaxLength(ColumnLengths.ArticleTextFailure);
        text.Property(t => t.Language).HasMaxLength(Classification.ArticleLanguages.MaxLength);
        text.Property(t => t.ExtractorVersion).HasMaxLength(ColumnLengths.ExtractorVersion);
        text.Property(t => t.ETag).HasMaxLength(ColumnLengths.Validator);
        text.Property(t => t.LastModified).HasMaxLength(ColumnLengths.Validator);
        text.HasGeneratedTsVectorColumn(t => t.SearchVector, "english", t => new { t.Text })
            .HasIndex(t => t.SearchVector).HasMethod("GIN");
        // The admin's view: a topic's latest attempts and failures.
        text.HasIndex(t => t.AttemptedAt);
        text.HasOne<Article>().WithOne().HasForeignKey<ArticleText>(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
