using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;

namespace NML.Matching.Api.Features.Audit;

/// <summary>Adds an audit line to the unit of work, so that it commits (or not) with the change itself.</summary>
public static class AuditTrail
{
    public static void Record(this MatchingDbContext db, DateTimeOffset now, Actor actor, string action, string entityType, string entityId, object? before, object? after) =>
        db.AuditEvents.Add(new AuditEvent(now, actor, action, entityType, entityId,
            before is null ? null : StoredJson.Serialize(before),
            after is null ? null : StoredJson.Serialize(after)));
}
