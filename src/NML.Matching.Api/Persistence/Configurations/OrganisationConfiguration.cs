using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Persistence.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.RegionCode).HasMaxLength(16);
        builder.Property(o => o.GemeenteCode).HasMaxLength(6);
        builder.Property(o => o.PointCode).HasMaxLength(32);
        builder.Property(o => o.Werkgebied).HasColumnType("text[]");
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Gemeente>().WithMany().HasForeignKey(o => o.GemeenteCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.RegionCode, o.Type });
        builder.HasMany(o => o.ApiKeys).WithOne().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(o => o.ApiKeys).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Label).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.Hash).HasMaxLength(32);
        builder.HasIndex(k => k.Prefix).IsUnique();
    }
}
