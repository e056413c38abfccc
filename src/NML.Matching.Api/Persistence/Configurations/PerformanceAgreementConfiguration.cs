using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class PerformanceAgreementConfiguration : IEntityTypeConfiguration<PerformanceAgreement>
{
    public void Configure(EntityTypeBuilder<PerformanceAgreement> builder)
    {
        builder.ToTable("performance_agreements", t =>
        {
            t.HasCheckConstraint("ck_performance_agreements_target", $"target_units BETWEEN 1 AND {PerformanceAgreement.MaxTargetUnits}");
            t.HasCheckConstraint("ck_performance_agreements_year", $"year BETWEEN {PerformanceAgreement.FirstYear} AND {PerformanceAgreement.LastYear}");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.GemeenteCode).HasMaxLength(6);
        builder.Property(a => a.RegionCode).HasMaxLength(16);
        builder.Property(a => a.Note).HasMaxLength(PerformanceAgreement.MaxNoteLength);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.CorporationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Gemeente>().WithMany().HasForeignKey(a => a.GemeenteCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CorporationId, a.GemeenteCode, a.Year }).IsUnique();
        builder.HasIndex(a => new { a.RegionCode, a.Year });
    }
}
