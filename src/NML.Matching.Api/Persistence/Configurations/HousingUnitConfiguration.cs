using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class HousingUnitConfiguration : IEntityTypeConfiguration<HousingUnit>
{
    public void Configure(EntityTypeBuilder<HousingUnit> builder)
    {
        builder.ToTable("units", t =>
        {
            t.HasCheckConstraint("ck_units_bedrooms", "bedrooms BETWEEN 0 AND 8");
            t.HasCheckConstraint("ck_units_max_occupants", "max_occupants BETWEEN 1 AND 12");
            t.HasCheckConstraint("ck_units_rent", "basic_rent >= 0 AND service_costs >= 0");
            t.HasCheckConstraint("ck_units_floor_area", "floor_area IS NULL OR floor_area > 0");
            t.HasCheckConstraint("ck_units_prikkelarm_level", "prikkelarm_level BETWEEN 0 AND 3");
            t.HasCheckConstraint("ck_units_postcode", "postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'");
        });
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.RegionCode).HasMaxLength(16);
        builder.Property(u => u.Reference).HasMaxLength(64);
        builder.Property(u => u.GemeenteCode).HasMaxLength(6);
        builder.Property(u => u.Kern).HasMaxLength(100);
        builder.Property(u => u.Postcode).HasMaxLength(7);
        builder.Property(u => u.HouseNumber).HasMaxLength(16);
        builder.Property(u => u.UnitType).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.FloorArea).HasPrecision(7, 2);
        builder.Property(u => u.BasicRent).HasPrecision(8, 2);
        builder.Property(u => u.ServiceCosts).HasPrecision(8, 2);
        builder.ComplexProperty(u => u.Accessibility);
        builder.ComplexProperty(u => u.Prikkelarm);
        builder.Property(u => u.SupportOnSite).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.ContractForm).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(u => u.TargetGroups).ElementType().HasConversion<string>();
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.WithdrawReason).HasMaxLength(200);
        builder.Property(u => u.Version).IsRowVersion();

        builder.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Gemeente>().WithMany().HasForeignKey(u => u.GemeenteCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(u => u.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.OwnerOrganisationId, u.Reference }).IsUnique();
        builder.HasIndex(u => new { u.RegionCode, u.Status });
        builder.HasIndex(u => u.GemeenteCode);
    }
}
