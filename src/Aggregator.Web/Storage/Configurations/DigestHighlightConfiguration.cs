using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestHighlightConfiguration : IEntityTypeConfiguration<DigestHighlight>
{
    public void Configure(EntityTypeBuilder<DigestHighlight> highlight)
    {
        highlight.HasKey(h => new { h.DigestId, h.Position });
        highlight.Property(h => h.Text).HasMaxLength(ColumnLengths.HighlightText);
        highlight.HasIndex(h => h.StoryId);
        highlight.HasOne<Story>().WithMany().HasForeignKey(h => h.StoryId).OnDelete(DeleteBehavior.SetNull);
    }
}
