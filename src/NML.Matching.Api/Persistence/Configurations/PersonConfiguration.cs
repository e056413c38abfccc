using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Persistence.Configurations;

/// <summary>
/// Identity's tables renamed to snake_case: <c>IdentityUserContext</c> names them itself (<c>AspNetUsers</c>,
/// <c>EmailIndex</c>, ...), which the naming convention does not change (docs/decisions.md, D44). These run after
/// Identity's own model (<see cref="MatchingDbContext"/> calls the base first).
/// </summary>
internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("persons", t =>
        {
            t.HasCheckConstraint("ck_persons_portal_role", "portal_role IN ('Beheerder', 'Medewerker')");
            // A service administrator (no organisation) manages people: always beheerder.
            t.HasCheckConstraint("ck_persons_service_admin_beheerder", "organisation_id IS NOT NULL OR portal_role = 'Beheerder'");
        });
        builder.Property(p => p.PortalRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.DisplayName).HasMaxLength(Person.DisplayNameMaxLength);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OrganisationId);
        // Identity's own indexes, renamed; one person per e-mail address, also when two requests race.
        builder.HasIndex(p => p.NormalizedUserName).IsUnique().HasDatabaseName("ux_persons_normalized_user_name");
        builder.HasIndex(p => p.NormalizedEmail).IsUnique().HasDatabaseName("ux_persons_normalized_email");
    }
}

internal sealed class PersonClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder)
    {
        builder.ToTable("person_claims");
        // The one foreign key of Identity's that the naming convention leaves with the old table's name.
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.UserId).HasConstraintName("fk_person_claims_persons_user_id");
    }
}

internal sealed class PersonLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("person_logins");
}

internal sealed class PersonTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("person_tokens");
}

internal sealed class PersonPasskeyConfiguration : IEntityTypeConfiguration<IdentityUserPasskey<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<Guid>> builder) => builder.ToTable("person_passkeys");
}

internal sealed class PersonSessionConfiguration : IEntityTypeConfiguration<PersonSession>
{
    public void Configure(EntityTypeBuilder<PersonSession> builder)
    {
        builder.ToTable("person_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Method).HasMaxLength(PersonSession.MethodMaxLength);
        builder.Property(s => s.Device).HasMaxLength(PersonSession.DeviceMaxLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.PersonId);
    }
}
