using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class TenancyConfiguration : IEntityTypeConfiguration<Tenancy>
{
    public void Configure(EntityTypeBuilder<Tenancy> builder)
    {
        builder.ToTable("tenancies");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.RegionCode).HasMaxLength(16);
        builder.Property(t => t.UnitGemeenteCode).HasMaxLength(6);
        builder.Property(t => t.CandidateHerkomstCode).HasMaxLength(6);
        builder.Property(t => t.ContractForm).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Version).IsRowVersion();
        builder.Property(t => t.FollowUpRemindersSent).HasDefaultValueSql("'{}'::integer[]");
        builder.HasOne<Match>().WithMany().HasForeignKey(t => t.MatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.MatchId).IsUnique();
        builder.HasIndex(t => new { t.RegionCode, t.StartDate });
        builder.HasMany(t => t.FollowUps).WithOne().HasForeignKey(f => f.TenancyId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.FollowUps).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Ignore(t => t.DomainEvents);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("tenancy_follow_ups", t => t.HasCheckConstraint("ck_follow_ups_month", "month IN (3, 6, 12)"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).UseIdentityAlwaysColumn();
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(24);
        builder.Property(f => f.RecordedByRole).HasMaxLength(32);
        builder.HasIndex(f => new { f.TenancyId, f.Month }).IsUnique();
    }
}
