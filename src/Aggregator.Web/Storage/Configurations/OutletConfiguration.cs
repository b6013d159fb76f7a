using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class OutletConfiguration : IEntityTypeConfiguration<Outlet>
{
    public void Configure(EntityTypeBuilder<Outlet> outlet)
    {
        outlet.Property(o => o.Name).HasMaxLength(ColumnLengths.OutletName);
        outlet.Property(o => o.NormalizedName).HasMaxLength(ColumnLengths.OutletName);
        outlet.Property(o => o.Country).HasMaxLength(ColumnLengths.Country);
        outlet.Property(o => o.Notes).HasMaxLength(ColumnLengths.Notes);
        outlet.Property(o => o.ProvisionalRule).HasMaxLength(ColumnLengths.ProvisionalRule);
        outlet.Property(o => o.Origin).HasConversion<string>().HasMaxLength(16);
        outlet.HasIndex(o => o.NormalizedName).IsUnique();
        outlet.HasIndex(o => o.Side);
        outlet.HasMany(o => o.Aliases).WithOne().HasForeignKey(a => a.OutletId).OnDelete(DeleteBehavior.Cascade);
        outlet.HasMany(o => o.Domains).WithOne().HasForeignKey(d => d.OutletId).OnDelete(DeleteBehavior.Cascade);
    }
}
