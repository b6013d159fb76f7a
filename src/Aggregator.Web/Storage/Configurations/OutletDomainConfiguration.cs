using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class OutletDomainConfiguration : IEntityTypeConfiguration<OutletDomain>
{
    public void Configure(EntityTypeBuilder<OutletDomain> domain)
    {
        domain.HasKey(d => d.Host);
        domain.Property(d => d.Host).HasMaxLength(ColumnLengths.Host);
        domain.HasIndex(d => d.OutletId);
    }
}
