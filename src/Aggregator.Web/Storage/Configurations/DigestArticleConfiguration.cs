using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestArticleConfiguration : IEntityTypeConfiguration<DigestArticle>
{
    public void Configure(EntityTypeBuilder<DigestArticle> line)
    {
        line.HasKey(a => new { a.DigestId, a.Position });
        line.Property(a => a.Headline).HasMaxLength(ColumnLengths.Headline);
        line.Property(a => a.Link).HasMaxLength(ColumnLengths.Link);
        line.Property(a => a.OutletName).HasMaxLength(ColumnLengths.OutletName);
        line.Property(a => a.Locale).HasMaxLength(ColumnLengths.Locale);
        line.Property(a => a.Lead).HasMaxLength(ColumnLengths.Lead);
        line.HasIndex(a => a.ArticleId);
        line.HasIndex(a => a.StoryId);
        line.HasOne<Story>().WithMany().HasForeignKey(a => a.StoryId).OnDelete(DeleteBehavior.SetNull);
        line.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}
