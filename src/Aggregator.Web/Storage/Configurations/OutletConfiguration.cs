using Aggregator.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aggregator.Storage.Configurations;

public sealed class OutletConfiguration : IEntityTypeConfiguration<Outlet>
{
    public void Configure(EntityTypeBuilder<Outlet> outlet)
    {
        outlet.Property(o => o.Name).HasMaxLength(200);
        outlet.Property(o => o.NormalizedName).HasMaxLength(200);
        outlet.Property(o => o.Country).HasMaxLength(64);
        outlet.Property(o => o.Notes).HasMaxLength(2000);
        outlet.Property(o => o.Origin).HasConversion<string>().HasMaxLength(16);
        outlet.HasIndex(o => o.NormalizedName).IsUnique();
        outlet.HasIndex(o => o.Alignment);
        outlet.HasMany(o => o.Aliases).WithOne().HasForeignKey(a => a.OutletId).OnDelete(DeleteBehavior.Cascade);
        outlet.HasMany(o => o.Domains).WithOne().HasForeignKey(d => d.OutletId).OnDelete(DeleteBehavior.Cascade);
    }
}
