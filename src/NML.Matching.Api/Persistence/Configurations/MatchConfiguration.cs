using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class MatchConfiguration : IEntityTypeConfiguration<Match>
{
    private const string Active = "status IN ('Proposed', 'Nominated', 'Accepted')";

    public void Configure(EntityTypeBuilder<Match> builder)
    {
        builder.ToTable("matches", t => t.HasCheckConstraint("ck_matches_score", "score BETWEEN 0 AND 100"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.RegionCode).HasMaxLength(16);
        builder.Property(m => m.UnitGemeenteCode).HasMaxLength(6);
        builder.Property(m => m.CandidateHerkomstCode).HasMaxLength(6);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Snapshot).HasColumnType("jsonb");
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property(m => m.DeclinedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.DeclineReasonCode).HasMaxLength(64);
        builder.Property(m => m.DeclineNote).HasMaxLength(500);
        builder.Property(m => m.OverrideReason).HasMaxLength(500);
        builder.HasMany(m => m.History).WithOne().HasForeignKey(t => t.MatchId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(m => m.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        // Raised events are not stored on the match: the unit of work turns them into outbox rows.
        builder.Ignore(m => m.DomainEvents);
        builder.HasIndex(m => new { m.Status, m.DueAt });
        builder.HasOne<HousingUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Candidate>().WithMany().HasForeignKey(m => m.CandidateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MatchingRoundRecord>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Restrict);
        // At most one active match per unit and per candidate, enforced by the database itself.
        builder.HasIndex(m => m.UnitId).IsUnique().HasFilter(Active).HasDatabaseName("ux_matches_active_unit");
        builder.HasIndex(m => m.CandidateId).IsUnique().HasFilter(Active).HasDatabaseName("ux_matches_active_candidate");
        builder.HasIndex(m => new { m.RegionCode, m.Status });
        builder.HasIndex(m => new { m.UnitGemeenteCode, m.CreatedAt });
    }
}

internal sealed class MatchingRoundRecordConfiguration : IEntityTypeConfiguration<MatchingRoundRecord>
{
    public void Configure(EntityTypeBuilder<MatchingRoundRecord> builder)
    {
        builder.ToTable("matching_rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RegionCode).HasMaxLength(16);
        builder.Property(r => r.Point).HasMaxLength(32);
        builder.Property(r => r.Weights).HasColumnType("jsonb");
        builder.Property(r => r.InputHash).HasMaxLength(64);
        builder.Property(r => r.Solver).HasMaxLength(64);
        builder.Property(r => r.Proposals).HasColumnType("jsonb");
        builder.Property(r => r.Unassigned).HasColumnType("jsonb");
        builder.Property(r => r.Timings).HasColumnType("jsonb");
        builder.Property(r => r.CreatedByRole).HasMaxLength(32);
        builder.HasIndex(r => new { r.RegionCode, r.CreatedAt });
    }
}

internal sealed class MatchTransitionConfiguration : IEntityTypeConfiguration<MatchTransition>
{
    public void Configure(EntityTypeBuilder<MatchTransition> builder)
    {
        builder.ToTable("match_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.ActorRole).HasMaxLength(32);
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Reason).HasMaxLength(600);
        builder.HasIndex(t => new { t.MatchId, t.Id });
    }
}
