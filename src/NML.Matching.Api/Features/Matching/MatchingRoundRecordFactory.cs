using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Matching;

namespace NML.Matching.Api.Features.Matching;

/// <summary>
/// Builds a <see cref="MatchingRoundRecord"/> from the engine's outcome. It is a static extension of the record, so that
/// callers write <c>MatchingRoundRecord.From(...)</c>, but it lives here because it stores the API's shapes of the
/// proposals (<see cref="ProposalDto"/>, <see cref="UnassignedCandidateDto"/>), and persistence imports no feature.
/// </summary>
public static class MatchingRoundRecordFactory
{
    extension(MatchingRoundRecord)
    {
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
}
