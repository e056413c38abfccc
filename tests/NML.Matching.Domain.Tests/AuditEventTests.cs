using NML.Matching.Domain.Auditing;

namespace NML.Matching.Domain.Tests;

/// <summary>docs/registers.md §5.5: the event "holds the actor (role, organisation, key), the action, the entity and DTO snapshots before and after (no before on create)".</summary>
public sealed class AuditEventTests
{
    [Fact]
    public void AnAuditEventHoldsTheActorTheActionTheEntityAndBothSnapshots()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var organisation = Guid.NewGuid();
        var key = Guid.NewGuid();

        var audit = new AuditEvent(at, new Actor("Zorgaanbieder", organisation, key), "candidate.updated", "candidate", "c-1", "{\"v\":1}", "{\"v\":2}");

        Assert.Equal(at, audit.OccurredAt);
        Assert.Equal(("Zorgaanbieder", organisation, key), (audit.ActorRole, audit.ActorOrganisationId, audit.ActorKeyId));
        Assert.Equal(("candidate.updated", "candidate", "c-1"), (audit.Action, audit.EntityType, audit.EntityId));
        Assert.Equal(("{\"v\":1}", "{\"v\":2}"), (audit.Before, audit.After));
    }

    /// <summary>Demo data "records candidate.registered and unit.posted with the System actor": no organisation, no key.</summary>
    [Fact]
    public void TheSystemActsWithoutOrganisationOrKey()
    {
        var audit = new AuditEvent(DateTimeOffset.UnixEpoch, Actor.System, "unit.posted", "unit", "u-1", null, "{}");

        Assert.Equal("System", audit.ActorRole);
        Assert.Null(audit.ActorOrganisationId);
        Assert.Null(audit.ActorKeyId);
        Assert.Null(audit.Before);
    }
}
