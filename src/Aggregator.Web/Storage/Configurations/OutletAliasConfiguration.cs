using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class OutletAliasConfiguration : IEntityTypeConfiguration<OutletAlias>
{
    public void Configure(EntityTypeBuilder<OutletAlias> alias)
    {
        alias.Property(a => a.Name).HasMaxLength(ColumnLengths.OutletName);
        alias.Property(a => a.NormalizedName).HasMaxLength(ColumnLengths.OutletName);
        alias.HasIndex(a => a.NormalizedName).IsUnique();
        alias.HasIndex(a => a.OutletId);
    }
}
