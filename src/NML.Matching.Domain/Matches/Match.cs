using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Matches;

/// <summary>Where a match stands. Proposed, Nominated and Accepted are active; the others are final.</summary>
public enum MatchStatus
{
    Proposed = 1,
    Nominated = 2,
    Accepted = 3,
    Contracted = 4,
    Declined = 5,
    Expired = 6,
    Withdrawn = 7,
}

/// <summary>
/// A proposed pair of a unit and a candidate, with a snapshot of why it was proposed (the score breakdown and
/// the weights at that moment). Who may see it is decided by the parties it names, which are copied onto it.
/// </summary>
public sealed class Match
{
    public static readonly MatchStatus[] ActiveStatuses = [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted];

    private Match()
    {
        RegionCode = UnitGemeenteCode = CandidateHerkomstCode = Snapshot = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CandidateId { get; private set; }
    public Guid? RoundId { get; private set; }
    public string RegionCode { get; private set; }
    public string UnitGemeenteCode { get; private set; }
    public string CandidateHerkomstCode { get; private set; }
    public Guid OwnerOrganisationId { get; private set; }
    public Guid ProviderOrganisationId { get; private set; }
    public MatchStatus Status { get; private set; }
    public double Score { get; private set; }

    /// <summary>The score breakdown and weights when the match was proposed, as JSON.</summary>
    public string Snapshot { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public bool IsActive => ActiveStatuses.Contains(Status);

    public static Match Propose(
        Guid id, Guid unitId, Guid candidateId, Guid? roundId, string regionCode, string unitGemeenteCode, string candidateHerkomstCode,
        Guid ownerOrganisationId, Guid providerOrganisationId, double score, string snapshot, DateTimeOffset now)
    {
        if (score is < 0 or > 100) throw new DomainRuleViolation("invalid-score", "A score lies between 0 and 100.");
        return new Match
        {
            Id = id,
            UnitId = unitId,
            CandidateId = candidateId,
            RoundId = roundId,
            RegionCode = regionCode,
            UnitGemeenteCode = unitGemeenteCode,
            CandidateHerkomstCode = candidateHerkomstCode,
            OwnerOrganisationId = ownerOrganisationId,
            ProviderOrganisationId = providerOrganisationId,
            Status = MatchStatus.Proposed,
            Score = score,
            Snapshot = snapshot,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
