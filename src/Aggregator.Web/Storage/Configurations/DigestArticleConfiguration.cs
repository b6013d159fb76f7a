using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestArticleConfiguration : IEntityTypeConfiguration<DigestArticle>
{
    public void Configure(EntityTypeBuilder<DigestArticle> line)
    {
        line.HasKey(a => new { a.DigestId, a.Position });
        line.Property(a => a.Headline).HasMaxLength(1000);
        line.Property(a => a.Link).HasMaxLength(4096);
        line.Property(a => a.OutletName).HasMaxLength(200);
        line.Property(a => a.Locale).HasMaxLength(16);
        line.HasIndex(a => a.ArticleId);
        line.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}
