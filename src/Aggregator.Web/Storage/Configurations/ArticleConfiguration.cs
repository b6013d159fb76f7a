using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Guid).HasMaxLength(ColumnLengths.ArticleGuid);
        article.Property(a => a.Link).HasMaxLength(ColumnLengths.Link);
        article.Property(a => a.NormalizedLink).HasMaxLength(ColumnLengths.Link);
        article.Property(a => a.PublisherLink).HasMaxLength(ColumnLengths.Link);
        article.Property(a => a.PublisherLinkFailure).HasMaxLength(ColumnLengths.PublisherLinkFailure);
        article.Ignore(a => a.ReaderLink);
        article.Property(a => a.Headline).HasMaxLength(ColumnLengths.Headline);
        article.Property(a => a.NormalizedTitle).HasMaxLength(ColumnLengths.Headline);
        article.Property(a => a.SourceName).HasMaxLength(ColumnLengths.OutletName);
        article.Property(a => a.SourceUrl).HasMaxLength(ColumnLengths.SourceUrl);
        article.Property(a => a.Locale).HasMaxLength(ColumnLengths.Locale);
        article.Property(a => a.Language).HasMaxLength(Classification.ArticleLanguages.MaxLength);

        article.HasIndex(a => a.Guid).IsUnique().HasFilter("guid IS NOT NULL");
        article.HasIndex(a => a.NormalizedLink).IsUnique();
        // Same story from the same outlet twice is one article: ingest looks for the title among the outlet's articles of a
        // short window. Time before title keeps new rows at the end of each outlet's range, so an ingest writes a few
        // pages of this index rather than a random page per row (each, after a checkpoint, a full page in the WAL).
        article.HasIndex(a => new { a.OutletId, a.PublishedAt, a.NormalizedTitle });
        // Digest windows: classified articles of one side published in a 24-hour range.
        article.HasIndex(a => new { a.Side, a.PublishedAt });
        article.HasIndex(a => a.PublishedAt);
        article.HasGeneratedTsVectorColumn(a => a.SearchVector, "english", a => new { a.Headline, a.SourceName })
            .HasIndex(a => a.SearchVector).HasMethod("GIN");
        article.HasOne(a => a.Outlet).WithMany().HasForeignKey(a => a.OutletId).OnDelete(DeleteBehavior.Restrict);
    }
}
