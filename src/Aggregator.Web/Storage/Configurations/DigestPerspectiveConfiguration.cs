using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class DigestPerspectiveConfiguration : IEntityTypeConfiguration<DigestPerspective>
{
    public void Configure(EntityTypeBuilder<DigestPerspective> perspective)
    {
        perspective.HasKey(p => new { p.DigestId, p.Alignment });
        perspective.Property(p => p.Name).HasMaxLength(100);
    }
}
