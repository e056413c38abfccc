namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// A placement: a tenancy that started, counted where the unit is (its municipality), with the owner of the unit
/// and the start date (docs/monitoring.md, "Whose numbers: residents or places").
/// </summary>
public readonly record struct PlacedTenancy(string GemeenteCode, Guid OwnerOrganisationId, DateOnly StartDate);
