using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("outbox_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(e => e.Sequence);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.RegionCode).HasMaxLength(16);
        builder.Property(e => e.AudienceGemeenten).HasColumnType("text[]");
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        // The dispatcher looks for events it has not fanned out yet, oldest first.
        builder.HasIndex(e => e.Sequence).HasFilter("dispatched_at IS NULL").HasDatabaseName("ix_outbox_events_pending");
    }
}
