using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class FetchRunConfiguration : IEntityTypeConfiguration<FetchRun>
{
    public void Configure(EntityTypeBuilder<FetchRun> run)
    {
        run.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Trigger).HasMaxLength(32);
        run.Property(r => r.Source).HasMaxLength(4096);
        run.Property(r => r.ErrorKind).HasMaxLength(64);
        run.Property(r => r.Error).HasMaxLength(ColumnLengths.FetchRunError);
        run.Property(r => r.Instance).HasMaxLength(200);
        run.HasIndex(r => new { r.FeedId, r.StartedAt });
        run.HasIndex(r => r.StartedAt);
        run.HasIndex(r => new { r.TopicId, r.StartedAt });
        run.HasOne<Feed>().WithMany().HasForeignKey(r => r.FeedId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<Topic>().WithMany().HasForeignKey(r => r.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
