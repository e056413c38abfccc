using System.Text.Json.Serialization;
using NML.Matching.Domain.Candidates;

namespace NML.Matching.Api.Features.Candidates;

/// <summary>
/// A candidate in a ranking. The unit's owner sees only the minimised profile (household, age band, support
/// need, prikkelarm need); the identifying fields are then absent. The Matchingspunt and Admin see all.
/// </summary>
public sealed record RankedCandidateProfile(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ProviderOrganisationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HerkomstGemeenteCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CandidateStatus? Status,
    Household Household,
    AgeBand AgeBand,
    SupportNeed SupportNeed,
    PrikkelarmNeed PrikkelarmNeed)
{
    public static RankedCandidateProfile Full(Candidate c, DateOnly today) =>
        new(c.Id, c.ExternalReference, c.ProviderOrganisationId, c.HerkomstGemeenteCode, c.StatusOn(today), c.Household, c.AgeBand, c.SupportNeed, c.PrikkelarmNeed);

    public static RankedCandidateProfile Minimised(Candidate c) =>
        new(null, null, null, null, null, c.Household, c.AgeBand, c.SupportNeed, c.PrikkelarmNeed);
}
