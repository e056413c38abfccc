using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(16);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.OwnsMany(r => r.Points, points =>
        {
            points.ToTable("region_points");
            points.WithOwner().HasForeignKey(p => p.RegionCode);
            points.HasKey(p => new { p.RegionCode, p.Code });
            points.Property(p => p.Code).HasMaxLength(32);
            points.Property(p => p.Name).HasMaxLength(200);
        });
        builder.Navigation(r => r.Points).AutoInclude();
    }
}

internal sealed class GemeenteConfiguration : IEntityTypeConfiguration<Gemeente>
{
    public void Configure(EntityTypeBuilder<Gemeente> builder)
    {
        builder.ToTable("gemeenten");
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasMaxLength(6);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.RegionCode).HasMaxLength(16);
        builder.Property(g => g.PointCode).HasMaxLength(32);
        builder.HasOne<Region>().WithMany().HasForeignKey(g => g.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => g.RegionCode);
    }
}
