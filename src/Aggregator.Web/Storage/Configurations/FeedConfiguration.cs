using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class FeedConfiguration : IEntityTypeConfiguration<Feed>
{
    public void Configure(EntityTypeBuilder<Feed> feed)
    {
        feed.Property(f => f.Name).HasMaxLength(ColumnLengths.FeedName);
        feed.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        feed.Property(f => f.Query).HasMaxLength(ColumnLengths.FeedQuery);
        feed.Property(f => f.Edition).HasMaxLength(ColumnLengths.Locale);
        feed.Property(f => f.Url).HasMaxLength(ColumnLengths.FeedUrl);
        feed.Property(f => f.ETag).HasMaxLength(512);
        feed.Property(f => f.LastModified).HasMaxLength(64);
        feed.Property(f => f.LastError).HasMaxLength(ColumnLengths.FeedError);
        feed.HasIndex(f => new { f.TopicId, f.Name }).IsUnique();
        feed.HasIndex(f => f.NextCheckAt);
    }
}
