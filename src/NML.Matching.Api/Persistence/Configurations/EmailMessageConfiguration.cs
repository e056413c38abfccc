using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.ToTable("email_outbox", t =>
        {
            t.HasCheckConstraint("ck_email_outbox_status", "status IN ('Pending', 'Sent', 'Failed')");
            t.HasCheckConstraint("ck_email_outbox_attempts", "attempts >= 0");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.MessageId).HasMaxLength(300);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // One row per Message-ID: the id that lets a receiver drop a second copy is never shared by two mails.
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The sender looks for pending mails that are due, oldest first.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_email_outbox_pending");
    }
}
