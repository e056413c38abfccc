namespace NML.Matching.Domain.Auditing;

/// <summary>
/// One line of the append-only audit trail: who did what to which resource, and when, with the
/// resource's state before and after as JSON. The database refuses updates and deletes of these rows.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { ActorRole = Action = EntityType = EntityId = string.Empty; }

    public AuditEvent(DateTimeOffset occurredAt, Actor actor, string action, string entityType, string entityId, string? before, string? after)
    {
        OccurredAt = occurredAt;
        ActorRole = actor.Role;
        ActorOrganisationId = actor.OrganisationId;
        ActorKeyId = actor.KeyId;
        ActorPersonId = actor.PersonId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string ActorRole { get; private set; }
    public Guid? ActorOrganisationId { get; private set; }
    public Guid? ActorKeyId { get; private set; }

    /// <summary>The person who acted (through the portal); null for a key, the admin key and the system.</summary>
    public Guid? ActorPersonId { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}

/// <summary>
/// Who acted: a role, and for an organisation's key the organisation and the key, or for a person (who acts in their
/// organisation's role) the organisation and the person.
/// </summary>
public sealed record Actor(string Role, Guid? OrganisationId, Guid? KeyId, Guid? PersonId = null)
{
    public static readonly Actor System = new("System", null, null);
}
