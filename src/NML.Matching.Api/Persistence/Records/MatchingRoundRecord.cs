namespace NML.Matching.Api.Persistence.Records;

/// <summary>
/// A stored matching round: its parameters, the weights used, a hash of its input, the outcome (proposals with
/// their breakdown, unassigned candidates with reasons), the greedy baseline's total and the timings.
/// The outcome is kept as JSON documents (<see cref="StoredJson"/>): it is read whole, never queried inside.
/// It is built from the engine's outcome by <c>MatchingRoundRecord.From</c> (<c>Features/Matching/MatchingRoundRecordFactory</c>),
/// which knows the API's shapes of the proposals.
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
}
