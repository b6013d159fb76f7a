using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> story)
    {
        // Ingest loads the topic's stories that reach into the time range of the articles it stores.
        story.HasIndex(s => new { s.TopicId, s.LastArticleAt });
        story.HasIndex(s => s.MergedIntoId);
        story.HasOne<Topic>().WithMany().HasForeignKey(s => s.TopicId).OnDelete(DeleteBehavior.Cascade);
        story.HasOne<Story>().WithMany().HasForeignKey(s => s.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
    }
}
