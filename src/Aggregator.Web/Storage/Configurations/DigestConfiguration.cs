using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestConfiguration : IEntityTypeConfiguration<Digest>
{
    public void Configure(EntityTypeBuilder<Digest> digest)
    {
        digest.Property(d => d.Title).HasMaxLength(300);
        digest.Property(d => d.TopicSlug).HasMaxLength(64);
        digest.Property(d => d.TopicName).HasMaxLength(200);
        digest.Property(d => d.Highlighter).HasMaxLength(32);
        digest.Property(d => d.HighlighterNote).HasMaxLength(ColumnLengths.HighlighterNote);
        digest.Property(d => d.ContentHash).HasMaxLength(64);
        digest.HasIndex(d => new { d.TopicId, d.Date, d.Version }).IsUnique();
        digest.HasOne<Topic>().WithMany().HasForeignKey(d => d.TopicId).OnDelete(DeleteBehavior.Cascade);
        digest.HasMany(d => d.Sides).WithOne().HasForeignKey(p => p.DigestId).OnDelete(DeleteBehavior.Cascade);
        digest.HasMany(d => d.Highlights).WithOne().HasForeignKey(h => h.DigestId).OnDelete(DeleteBehavior.Cascade);
        digest.HasMany(d => d.Articles).WithOne().HasForeignKey(a => a.DigestId).OnDelete(DeleteBehavior.Cascade);
    }
}
