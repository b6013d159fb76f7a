using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Guid).HasMaxLength(1024);
        article.Property(a => a.Link).HasMaxLength(4096);
        article.Property(a => a.NormalizedLink).HasMaxLength(4096);
        article.Property(a => a.Headline).HasMaxLength(1000);
        article.Property(a => a.NormalizedTitle).HasMaxLength(1000);
        article.Property(a => a.SourceName).HasMaxLength(200);
        article.Property(a => a.SourceUrl).HasMaxLength(2048);
        article.Property(a => a.Locale).HasMaxLength(16);

        article.HasIndex(a => a.Guid).IsUnique().HasFilter("guid IS NOT NULL");
        article.HasIndex(a => a.NormalizedLink).IsUnique();
        // Same story from the same outlet twice is one article (ingest checks this key within a short window).
        article.HasIndex(a => new { a.OutletId, a.NormalizedTitle });
        // Digest windows: classified articles of one side published in a 24-hour range.
        article.HasIndex(a => new { a.Alignment, a.PublishedAt });
        article.HasIndex(a => a.PublishedAt);
        article.HasOne(a => a.Outlet).WithMany().HasForeignKey(a => a.OutletId).OnDelete(DeleteBehavior.Restrict);
    }
}
