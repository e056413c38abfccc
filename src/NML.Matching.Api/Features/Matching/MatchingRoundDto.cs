using System.Text.Json;
using System.Text.Json.Serialization;
using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Features.Matching;

/// <summary>One proposal of a round: the pair, its score and breakdown, and the match it created (real rounds).</summary>
public sealed record ProposalDto(Guid UnitId, Guid CandidateId, double Score, IReadOnlyList<CriterionScore> Breakdown, Guid? MatchId);

/// <summary>A ready candidate the round did not place, and why.</summary>
public sealed record UnassignedCandidateDto(Guid CandidateId, string Reason, IReadOnlyDictionary<string, int> BlockingRules, int BelowMinScore);

/// <summary>A matching round with its full outcome.</summary>
public sealed record MatchingRoundDto(
    Guid Id,
    string RegionCode,
    string? Point,
    bool DryRun,
    double MinScore,
    int? MaxProposalsPerGemeente,
    MatchingWeights Weights,
    string InputHash,
    string Solver,
    double TotalScore,
    double GreedyTotalScore,
    int CandidateCount,
    int UnitCount,
    int EligiblePairs,
    double Density,
    IReadOnlyList<ProposalDto> Proposals,
    IReadOnlyList<UnassignedCandidateDto> UnassignedCandidates,
    RoundTimings Timings,
    DateTimeOffset CreatedAt)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MatchingRoundDto From(MatchingRoundRecord r) => new(
        r.Id, r.RegionCode, r.Point, r.DryRun, r.MinScore, r.MaxProposalsPerGemeente,
        JsonSerializer.Deserialize<MatchingWeights>(r.Weights, Json)!, r.InputHash, r.Solver, r.TotalScore, r.GreedyTotalScore,
        r.CandidateCount, r.UnitCount, r.EligiblePairs, r.Density,
        JsonSerializer.Deserialize<List<ProposalDto>>(r.Proposals, Json)!,
        JsonSerializer.Deserialize<List<UnassignedCandidateDto>>(r.Unassigned, Json)!,
        JsonSerializer.Deserialize<RoundTimings>(r.Timings, Json)!, r.CreatedAt);
}

/// <summary>A round in a list: its parameters and totals, without the proposals.</summary>
public sealed record MatchingRoundSummaryDto(
    Guid Id, string RegionCode, string? Point, bool DryRun, double MinScore, int? MaxProposalsPerGemeente, string InputHash,
    double TotalScore, double GreedyTotalScore, int CandidateCount, int UnitCount, int ProposalCount,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt)
{
    public static MatchingRoundSummaryDto From(MatchingRoundRecord r) => new(
        r.Id, r.RegionCode, r.Point, r.DryRun, r.MinScore, r.MaxProposalsPerGemeente, r.InputHash, r.TotalScore, r.GreedyTotalScore,
        r.CandidateCount, r.UnitCount, r.ProposalCount, r.CreatedAt);
}
