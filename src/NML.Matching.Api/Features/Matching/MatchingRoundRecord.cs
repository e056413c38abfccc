using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Features.Matching;

/// <summary>
/// A stored matching round: its parameters, the weights used, a hash of its input, the outcome (proposals with
/// their breakdown, unassigned candidates with reasons), the greedy baseline's total and the timings.
/// The outcome is kept as JSON documents (<see cref="StoredJson"/>): it is read whole, never queried inside.
/// </summary>
public sealed class MatchingRoundRecord
{
    public Guid Id { get; set; }
    public string RegionCode { get; set; } = string.Empty;
    public string? Point { get; set; }
    public bool DryRun { get; set; }
    public double MinScore { get; set; }
    public int? MaxProposalsPerGemeente { get; set; }
    public string Weights { get; set; } = "{}";
    public string InputHash { get; set; } = string.Empty;
    public string Solver { get; set; } = string.Empty;
    public double TotalScore { get; set; }
    public double GreedyTotalScore { get; set; }
    public int CandidateCount { get; set; }
    public int UnitCount { get; set; }
    public int EligiblePairs { get; set; }
    public double Density { get; set; }
    public int ProposalCount { get; set; }
    public string Proposals { get; set; } = "[]";
    public string Unassigned { get; set; } = "[]";
    public string Timings { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByRole { get; set; } = string.Empty;
    public Guid? CreatedByOrganisationId { get; set; }

    /// <summary>
    /// The record of a round from the engine's outcome, with the proposals and unassigned candidates as the API shows
    /// them (the proposals with the matches a real round made of them), run by <paramref name="by"/> at <paramref name="at"/>.
    /// </summary>
    public static MatchingRoundRecord From(
        Guid id, string regionCode, string? point, bool dryRun, RoundParameters parameters, MatchingWeights weights, string inputHash,
        RoundOutcome outcome, IReadOnlyList<ProposalDto> proposals, IReadOnlyList<UnassignedCandidateDto> unassigned, DateTimeOffset at, Caller by) => new()
    {
        Id = id,
        RegionCode = regionCode,
        Point = point,
        DryRun = dryRun,
        MinScore = parameters.MinScore,
        MaxProposalsPerGemeente = parameters.MaxProposalsPerGemeente,
        Weights = StoredJson.Serialize(weights),
        InputHash = inputHash,
        Solver = outcome.Solver,
        TotalScore = outcome.TotalScore,
        GreedyTotalScore = outcome.GreedyTotalScore,
        CandidateCount = outcome.CandidateCount,
        UnitCount = outcome.UnitCount,
        EligiblePairs = outcome.EligiblePairs,
        Density = outcome.Density,
        ProposalCount = proposals.Count,
        Proposals = StoredJson.Serialize(proposals),
        Unassigned = StoredJson.Serialize(unassigned),
        Timings = StoredJson.Serialize(outcome.Timings),
        CreatedAt = at,
        CreatedByRole = by.Role,
        CreatedByOrganisationId = by.OrganisationId,
    };
}
