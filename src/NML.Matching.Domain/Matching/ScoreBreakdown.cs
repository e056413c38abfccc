namespace NML.Matching.Domain.Matching;

/// <summary>The six criteria of the score, in a fixed order.</summary>
public static class Criteria
{
    public const string Gemeente = "gemeente";
    public const string Spreiding = "spreiding";
    public const string Support = "support";
    public const string Prikkelarm = "prikkelarm";
    public const string Wachttijd = "wachttijd";
    public const string Urgentie = "urgentie";

    public static IReadOnlyList<string> All { get; } = [Gemeente, Spreiding, Support, Prikkelarm, Wachttijd, Urgentie];
}

/// <summary>One line of the explanation: a criterion, its weight, its value in [0,1], the points it adds and why.</summary>
public sealed record CriterionScore(string Criterion, double Weight, double Value, double Points, string Reason);

/// <summary>A scored pair: the score (0-100, two decimals) is exactly the sum of the points of its criteria.</summary>
public sealed record ScoreBreakdown(double Score, IReadOnlyList<CriterionScore> Criteria);

/// <summary>The verdict on one (unit, candidate) pair: eligible with a score, or the rules it fails.</summary>
public sealed record PairEvaluation(Guid UnitId, Guid CandidateId, bool Eligible, IReadOnlyList<string> FailedRules, ScoreBreakdown Breakdown);
