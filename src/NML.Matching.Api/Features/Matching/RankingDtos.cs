using NML.Matching.Api.Features.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matching;

/// <summary>An eligible candidate for a unit: rank, score (0-100) and the explanation of the score.</summary>
public sealed record RankedCandidateDto(int Rank, double Score, IReadOnlyList<CriterionScore> Breakdown, RankedCandidateProfile Candidate);

/// <summary>A candidate that cannot have this unit, with every hard rule it fails.</summary>
public sealed record IneligibleCandidateDto(IReadOnlyList<string> FailedRules, RankedCandidateProfile Candidate);

/// <summary>The ranking of candidates for one unit.</summary>
public sealed record UnitRankingDto(
    Guid UnitId, DateOnly Today, MatchingWeights Weights, int EligibleCount, int IneligibleCount,
    IReadOnlyList<RankedCandidateDto> Items, IReadOnlyList<IneligibleCandidateDto> Ineligible);

/// <summary>A unit in a ranking: enough to judge it without another call.</summary>
public sealed record RankedUnitProfile(
    Guid Id, Guid OwnerOrganisationId, string Reference, string GemeenteCode, UnitType UnitType, int Bedrooms, decimal BasicRent,
    int PrikkelarmLevel, SupportOnSite SupportOnSite, DateOnly AvailableFrom, UnitStatus Status)
{
    public static RankedUnitProfile From(HousingUnit u) =>
        new(u.Id, u.OwnerOrganisationId, u.Reference, u.GemeenteCode, u.UnitType, u.Bedrooms, u.BasicRent, u.PrikkelarmLevel, u.SupportOnSite, u.AvailableFrom, u.Status);
}

public sealed record RankedUnitDto(int Rank, double Score, IReadOnlyList<CriterionScore> Breakdown, RankedUnitProfile Unit);

public sealed record IneligibleUnitDto(IReadOnlyList<string> FailedRules, RankedUnitProfile Unit);

/// <summary>The ranking of units for one candidate.</summary>
public sealed record CandidateRankingDto(
    Guid CandidateId, DateOnly Today, MatchingWeights Weights, int EligibleCount, int IneligibleCount,
    IReadOnlyList<RankedUnitDto> Items, IReadOnlyList<IneligibleUnitDto> Ineligible);
