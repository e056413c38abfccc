using System.Security.Cryptography;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Persistence;

/// <summary>
/// Turns the domain events that the tracked aggregates raised into outbox rows, at the start of every save (D38): the
/// rows are added to the same unit of work as the change, so an event exists exactly when its change committed, and no
/// handler writes one by hand. The events are taken from the aggregates as they are added, so a save that fails and is
/// tried again on the same unit of work writes each row once; a unit of work that is dropped drops both.
/// </summary>
internal static class DomainEventOutbox
{
    /// <summary>Adds one outbox row per raised event, in the order the events were raised, and clears them on their aggregates.</summary>
    public static void TakeRaisedEvents(MatchingDbContext db)
    {
        // The events live on the tracked objects, not in their properties: no need to detect changes twice per save.
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        List<AggregateRoot> raisers;
        try
        {
            raisers = [.. tracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0)];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        if (raisers.Count == 0) return;
        var raised = raisers.SelectMany(a => a.DomainEvents.Select(e => (Aggregate: a, Event: e))).OrderBy(r => r.Event.Order).ToList();
        var rows = new List<OutboxEvent>(raised.Count);
        var previous = DateTimeOffset.MinValue;
        for (var i = 0; i < raised.Count; i++)
        {
            // EF inserts the rows of one table in the order of their keys, and the outbox's sequence follows the inserts:
            // ids that sort as the events were raised keep that order, also for events of the same millisecond.
            previous = Max(previous, raised[i].Event.OccurredAt);
            rows.Add(ToRow(raised[i].Aggregate, raised[i].Event, OrderedId(previous, i)));
        }
        db.OutboxEvents.AddRange(rows);
        foreach (var aggregate in raisers) aggregate.ClearDomainEvents();
    }

    private static OutboxEvent ToRow(AggregateRoot aggregate, DomainEvent raised, Guid id) => (aggregate, raised) switch
    {
        (Match m, MatchStatusChanged e) => Row(id, TypeOf(e.Status), e.OccurredAt, m, new { matchId = m.Id, unitId = m.UnitId, status = e.Status, dueAt = e.DueAt }),
        (Match m, MatchDeadlineApproaching e) => Row(id, EventTypes.MatchDeadlineApproaching, e.OccurredAt, m,
            new { matchId = m.Id, unitId = m.UnitId, status = e.Status, dueAt = (DateTimeOffset?)e.DueAt }),
        (Tenancy t, TenancyFollowUpDue e) => Row(id, EventTypes.TenancyFollowUpDue, e.OccurredAt, t,
            new { tenancyId = t.Id, matchId = t.MatchId, details = new { month = e.Month, dueDate = e.DueDate } }),
        (Tenancy t, TenancyOmklapDue e) => Row(id, EventTypes.TenancyOmklapDue, e.OccurredAt, t,
            new { tenancyId = t.Id, matchId = t.MatchId, details = new { omklapDueDate = (DateOnly?)e.OmklapDueDate } }),
        _ => throw new InvalidOperationException($"No outbox event for {raised.GetType().Name} raised by {aggregate.GetType().Name}."),
    };

    /// <summary>The event type of a match that reached <paramref name="status"/>.</summary>
    private static string TypeOf(MatchStatus status) => status switch
    {
        MatchStatus.Proposed => EventTypes.MatchProposed,
        MatchStatus.Nominated => EventTypes.MatchNominated,
        MatchStatus.Accepted => EventTypes.MatchAccepted,
        MatchStatus.Contracted => EventTypes.MatchContracted,
        MatchStatus.Declined => EventTypes.MatchDeclined,
        MatchStatus.Expired => EventTypes.MatchExpired,
        MatchStatus.Withdrawn => EventTypes.MatchWithdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static OutboxEvent Row(Guid id, string type, DateTimeOffset at, Match m, object data) =>
        Row(id, type, at, m.RegionCode, [m.OwnerOrganisationId, m.ProviderOrganisationId], [m.UnitGemeenteCode, m.CandidateHerkomstCode], data);

    private static OutboxEvent Row(Guid id, string type, DateTimeOffset at, Tenancy t, object data) =>
        Row(id, type, at, t.RegionCode, [t.OwnerOrganisationId, t.ProviderOrganisationId], [t.UnitGemeenteCode, t.CandidateHerkomstCode], data);

    /// <summary>
    /// The row: who may receive it (the organisations involved, the region's Matchingspunt through the region, the
    /// municipalities concerned) and the thin payload of docs/webhooks.md (ids, the new status and dates).
    /// </summary>
    private static OutboxEvent Row(Guid id, string type, DateTimeOffset at, string region, Guid[] organisations, string[] gemeenten, object data) => new()
    {
        Id = id,
        Type = type,
        OccurredAt = at,
        RegionCode = region,
        AudienceOrganisations = [.. organisations.Distinct()],
        AudienceGemeenten = [.. gemeenten.Distinct()],
        Payload = StoredJson.Serialize(new { id, type, occurredAt = at, data }),
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// A version 7 UUID (RFC 9562) of the moment <paramref name="at"/> whose first 26 bits after the version hold
    /// <paramref name="counter"/> (RFC 9562 §6.2, method 1, a fixed-length dedicated counter) and the rest random: ids of
    /// one moment sort by their counter, ids of later moments after them.
    /// </summary>
    private static Guid OrderedId(DateTimeOffset at, int counter)
    {
        if (counter is < 0 or >= 1 << 26) throw new ArgumentOutOfRangeException(nameof(counter), counter, "At most 2^26 events in one save.");
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        var c = (uint)counter;
        bytes[6] = (byte)(0x70 | ((c >> 22) & 0x0F));
        bytes[7] = (byte)(c >> 14);
        bytes[8] = (byte)(0x80 | ((c >> 8) & 0x3F));
        bytes[9] = (byte)c;
        return new Guid(bytes, bigEndian: true);
    }
}
