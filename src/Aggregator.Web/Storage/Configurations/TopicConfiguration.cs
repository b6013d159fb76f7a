using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> topic)
    {
        topic.Property(t => t.Slug).HasMaxLength(64);
        topic.Property(t => t.Name).HasMaxLength(200);
        topic.HasIndex(t => t.Slug).IsUnique();
        topic.HasMany(t => t.Sides).WithOne().HasForeignKey(p => p.TopicId).OnDelete(DeleteBehavior.Cascade);
        topic.HasMany(t => t.Feeds).WithOne(f => f.Topic).HasForeignKey(f => f.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
