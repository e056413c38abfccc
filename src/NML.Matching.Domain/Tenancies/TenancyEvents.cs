using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Tenancies;

/// <summary>The follow-up of <paramref name="Month"/> months is due and not recorded (raised once per month by <see cref="Tenancy.TakeFollowUpReminders"/>).</summary>
public sealed record TenancyFollowUpDue(Guid TenancyId, int Month, DateOnly DueDate, DateTimeOffset OccurredAt) : DomainEvent(OccurredAt);

/// <summary>The omklap is due and not recorded (raised once by <see cref="Tenancy.TakeOmklapReminder"/>).</summary>
public sealed record TenancyOmklapDue(Guid TenancyId, DateOnly OmklapDueDate, DateTimeOffset OccurredAt) : DomainEvent(OccurredAt);
