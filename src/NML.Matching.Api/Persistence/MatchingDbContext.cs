using Microsoft.EntityFrameworkCore;
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
/// </summary>
public sealed class MatchingDbContext(DbContextOptions<MatchingDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MatchingDbContext).Assembly);

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
