using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> builder)
    {
        // The database guards the ranges too, so that no code path can store nonsense.
        builder.ToTable("candidates", t =>
        {
            t.HasCheckConstraint("ck_candidates_household", "household_adults BETWEEN 1 AND 2 AND household_children BETWEEN 0 AND 10");
            t.HasCheckConstraint("ck_candidates_required_bedrooms", "required_bedrooms BETWEEN 0 AND 6");
            t.HasCheckConstraint("ck_candidates_max_rent", "max_rent > 0 AND max_rent <= 2500");
            t.HasCheckConstraint("ck_candidates_support_hours", "support_hours_per_week IS NULL OR support_hours_per_week BETWEEN 0 AND 40");
            t.HasCheckConstraint("ck_candidates_24x7_intensief", "NOT needs24x7nearby OR support_need = 'Intensief'");
            t.HasCheckConstraint("ck_candidates_urgency", "NOT urgent OR urgency_reason IS NOT NULL");
            t.HasCheckConstraint("ck_candidates_preferred", "cardinality(preferred_gemeenten) <= 5");
            t.HasCheckConstraint("ck_candidates_reference", "length(external_reference) BETWEEN 1 AND 64");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.RegionCode).HasMaxLength(16);
        builder.Property(c => c.ExternalReference).HasMaxLength(64);
        builder.Property(c => c.HerkomstGemeenteCode).HasMaxLength(6);
        builder.Property(c => c.CurrentSetting).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.AgeBand).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(c => c.Household);
        builder.ComplexProperty(c => c.Accessibility);
        builder.Property(c => c.MaxRent).HasPrecision(8, 2);
        builder.Property(c => c.SupportNeed).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PrikkelarmNeed).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PreferredGemeenten).HasColumnType("text[]");
        builder.Property(c => c.ExcludedGemeenten).HasColumnType("text[]");
        builder.PrimitiveCollection(c => c.TargetGroups).ElementType().HasConversion<string>();
        builder.Property(c => c.UrgencyReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Placement).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ParkReason).HasMaxLength(200);
        builder.Property(c => c.WithdrawReason).HasMaxLength(200);
        builder.Property(c => c.Version).IsRowVersion();

        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Gemeente>().WithMany().HasForeignKey(c => c.HerkomstGemeenteCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProviderOrganisationId, c.ExternalReference }).IsUnique();
        builder.HasIndex(c => new { c.RegionCode, c.ReadySince });
        builder.HasIndex(c => c.HerkomstGemeenteCode);
        // A care provider's queue (ordered by ready-since) and the monitoring summary's inflow per region.
        builder.HasIndex(c => new { c.ProviderOrganisationId, c.ReadySince, c.Id });
        builder.HasIndex(c => new { c.RegionCode, c.CreatedAt });
    }
}
