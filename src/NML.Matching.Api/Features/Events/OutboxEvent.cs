using System.Text.Json;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Events;

/// <summary>
/// An event in the transactional outbox: written in the same database transaction as the change it reports, so
/// an event exists exactly when its change committed. The payload is thin (ids and the new status, no personal
/// details); receivers read the rest through the API, which applies their own visibility. The audience fields say
/// who may receive it: the organisations involved, the region's Matchingspunt and the municipalities concerned.
/// </summary>
public sealed class OutboxEvent
{
    public Guid Id { get; set; }

    /// <summary>The order in which events were written (a database sequence): delivery follows it.</summary>
    public long Sequence { get; set; }

    public string Type { get; set; } = string.Empty;
    public DateTimeOffset OccurredAt { get; set; }
    public string RegionCode { get; set; } = string.Empty;
    public List<Guid> AudienceOrganisations { get; set; } = [];
    public List<string> AudienceGemeenten { get; set; } = [];
    public string Payload { get; set; } = "{}";

    /// <summary>When the dispatcher fanned the event out to the subscriptions (null until then).</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
}

/// <summary>The event types, as in the issue; receivers switch on these strings.</summary>
public static class EventTypes
{
    public const string MatchProposed = "match.proposed";
    public const string MatchNominated = "match.nominated";
    public const string MatchAccepted = "match.accepted";
    public const string MatchContracted = "match.contracted";
    public const string MatchDeclined = "match.declined";
    public const string MatchExpired = "match.expired";
    public const string MatchWithdrawn = "match.withdrawn";
    public const string MatchDeadlineApproaching = "match.deadline-approaching";
    public const string TenancyFollowUpDue = "tenancy.follow-up-due";
    public const string TenancyOmklapDue = "tenancy.omklap-due";

    public static IReadOnlyList<string> All { get; } =
    [
        MatchProposed, MatchNominated, MatchAccepted, MatchContracted, MatchDeclined, MatchExpired, MatchWithdrawn,
        MatchDeadlineApproaching, TenancyFollowUpDue, TenancyOmklapDue,
    ];
}

public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Adds the event of a match's change to the unit of work (it commits with the change or not at all).</summary>
    public static OutboxEvent Emit(this MatchingDbContext db, string type, Match match, DateTimeOffset now) =>
        Add(db, type, now, match.RegionCode, [match.OwnerOrganisationId, match.ProviderOrganisationId],
            [match.UnitGemeenteCode, match.CandidateHerkomstCode],
            new { matchId = match.Id, unitId = match.UnitId, status = match.Status, dueAt = match.DueAt });

    /// <summary>Adds the event of a tenancy (follow-up or omklap due) to the unit of work.</summary>
    public static OutboxEvent Emit(this MatchingDbContext db, string type, Tenancy tenancy, DateTimeOffset now, object details) =>
        Add(db, type, now, tenancy.RegionCode, [tenancy.OwnerOrganisationId, tenancy.ProviderOrganisationId],
            [tenancy.UnitGemeenteCode, tenancy.CandidateHerkomstCode], new { tenancyId = tenancy.Id, matchId = tenancy.MatchId, details });

    private static OutboxEvent Add(MatchingDbContext db, string type, DateTimeOffset now, string region, Guid[] organisations, string[] gemeenten, object data)
    {
        var id = Guid.CreateVersion7(now);
        var e = new OutboxEvent
        {
            Id = id,
            Type = type,
            OccurredAt = now,
            RegionCode = region,
            AudienceOrganisations = [.. organisations.Distinct()],
            AudienceGemeenten = [.. gemeenten.Distinct()],
            Payload = JsonSerializer.Serialize(new { id, type, occurredAt = now, data }, Json),
        };
        db.OutboxEvents.Add(e);
        return e;
    }
}
