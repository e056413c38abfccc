using System.Text.Json.Serialization;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Features.Matching;

/// <summary>One proposal of a round: the pair, its score and breakdown, and the match it created (real rounds).</summary>
public sealed record ProposalDto(Guid UnitId, Guid CandidateId, double Score, IReadOnlyList<CriterionScore> Breakdown, Guid? MatchId)
{
    public static ProposalDto From(Proposal proposal, Guid? matchId) =>
        new(proposal.UnitId, proposal.CandidateId, proposal.Score, proposal.Breakdown.Criteria, matchId);
}

/// <summary>A ready candidate the round did not place, and why.</summary>
public sealed record UnassignedCandidateDto(Guid CandidateId, string Reason, IReadOnlyDictionary<string, int> BlockingRules, int BelowMinScore)
{
    public static UnassignedCandidateDto From(UnassignedCandidate unassigned) =>
        new(unassigned.CandidateId, unassigned.Reason, unassigned.BlockingRules, unassigned.BelowMinScore);
}

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
    /// <summary>A round as it was just run: the record's figures with the objects its JSON documents were written from.</summary>
    public static MatchingRoundDto From(
        MatchingRoundRecord r, MatchingWeights weights, IReadOnlyList<ProposalDto> proposals, IReadOnlyList<UnassignedCandidateDto> unassigned, RoundTimings timings) => new(
        r.Id, r.RegionCode, r.Point, r.DryRun, r.MinScore, r.MaxProposalsPerGemeente, weights, r.InputHash, r.Solver, r.TotalScore, r.GreedyTotalScore,
        r.CandidateCount, r.UnitCount, r.EligiblePairs, r.Density, proposals, unassigned, timings, r.CreatedAt);

    /// <summary>A stored round, read back from its JSON documents.</summary>
    public static MatchingRoundDto From(MatchingRoundRecord r) => From(r,
        StoredJson.Deserialize<MatchingWeights>(r.Weights), StoredJson.Deserialize<List<ProposalDto>>(r.Proposals),
        StoredJson.Deserialize<List<UnassignedCandidateDto>>(r.Unassigned), StoredJson.Deserialize<RoundTimings>(r.Timings));
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
