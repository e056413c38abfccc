using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Infrastructure.Idempotency;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Tenancies;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Persistence;

/// <summary>
/// The one unit of work. Handlers use it directly (no repositories); each aggregate has its own
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in <c>Configurations/</c>. Every save first turns the domain events
/// of the tracked aggregates into outbox rows of the same transaction (<see cref="DomainEventOutbox"/>).
/// It is also Identity's store of people (<see cref="Person"/> and its logins, tokens, claims and passkeys; no Identity
/// roles: a person acts in its organisation's role) and the Data Protection key ring (<c>data_protection_keys</c>).
/// </summary>
public sealed class MatchingDbContext(DbContextOptions<MatchingDbContext> options)
    : IdentityUserContext<Person, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Gemeente> Gemeenten => Set<Gemeente>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<HousingUnit> Units => Set<HousingUnit>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Match> Matches => Set<Match>();
    public DbSet<MatchTransition> MatchTransitions => Set<MatchTransition>();
    public DbSet<Tenancy> Tenancies => Set<Tenancy>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<MatchingRoundRecord> MatchingRounds => Set<MatchingRoundRecord>();
    public DbSet<PerformanceAgreement> PerformanceAgreements => Set<PerformanceAgreement>();
    public DbSet<EmailMessage> EmailOutbox => Set<EmailMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PersonSession> PersonSessions => Set<PersonSession>();

    /// <summary>
    /// What Identity's model reads from the application's services: schema version 3 (passkeys). Identity takes the
    /// version from <c>IdentityOptions</c> of the application's services and falls back to version 1 without them; a
    /// context made without the application (the tests' template database, a tool) gets these instead, so that its
    /// model is the one of the migrations (<c>AddMatchingPeople</c> sets the same version).
    /// </summary>
    private static readonly IServiceProvider IdentityStoreServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
            optionsBuilder.UseApplicationServiceProvider(IdentityStoreServices);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's model first (it names its tables itself), then ours, which renames them (PersonConfiguration).
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MatchingDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        DomainEventOutbox.TakeRaisedEvents(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        DomainEventOutbox.TakeRaisedEvents(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
