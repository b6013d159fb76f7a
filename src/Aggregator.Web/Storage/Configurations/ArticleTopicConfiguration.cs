using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class ArticleTopicConfiguration : IEntityTypeConfiguration<ArticleTopic>
{
    public void Configure(EntityTypeBuilder<ArticleTopic> membership)
    {
        membership.HasKey(m => new { m.TopicId, m.ArticleId });
        membership.HasIndex(m => m.ArticleId);
        membership.HasOne<Topic>().WithMany().HasForeignKey(m => m.TopicId).OnDelete(DeleteBehavior.Cascade);
        membership.HasIndex(m => m.StoryId);
        // Articles stored before stories existed, which a digest build places first; empty once they are placed.
        membership.HasIndex(m => m.TopicId).HasFilter("story_id IS NULL").HasDatabaseName("ix_article_topics_unplaced");
        membership.HasOne<Story>().WithMany().HasForeignKey(m => m.StoryId).OnDelete(DeleteBehavior.SetNull);
        membership.HasOne<Article>().WithMany().HasForeignKey(m => m.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
