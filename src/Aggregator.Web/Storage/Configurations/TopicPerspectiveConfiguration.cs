using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class TopicPerspectiveConfiguration : IEntityTypeConfiguration<TopicPerspective>
{
    public void Configure(EntityTypeBuilder<TopicPerspective> perspective)
    {
        perspective.HasKey(p => new { p.TopicId, p.Alignment });
        perspective.Property(p => p.Name).HasMaxLength(100);
    }
}
