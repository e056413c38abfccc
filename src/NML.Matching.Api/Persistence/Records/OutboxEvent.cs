namespace NML.Matching.Api.Persistence.Records;

/// <summary>
/// An event in the transactional outbox: written in the same database transaction as the change it reports, so
/// an event exists exactly when its change committed. The rows are derived from the domain events that the match and
/// the tenancy raise, when the unit of work saves (<c>Persistence/DomainEventOutbox</c>); no use case writes one by
/// hand. The payload is thin (ids and the new status, no personal details); receivers read the rest through the API,
/// which applies their own visibility. The audience fields say who may receive it: the organisations involved, the
/// region's Matchingspunt and the municipalities concerned.
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
