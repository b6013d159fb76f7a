using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestSideConfiguration : IEntityTypeConfiguration<DigestSide>
{
    public void Configure(EntityTypeBuilder<DigestSide> side)
    {
        side.HasKey(p => new { p.DigestId, p.Side });
        side.Property(p => p.Name).HasMaxLength(100);
    }
}
