using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class TopicSideConfiguration : IEntityTypeConfiguration<TopicSide>
{
    public void Configure(EntityTypeBuilder<TopicSide> side)
    {
        side.HasKey(p => new { p.TopicId, p.Side });
        side.Property(p => p.Name).HasMaxLength(100);
    }
}
