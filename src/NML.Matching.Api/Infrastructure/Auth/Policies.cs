namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// Authorization policies by role: which roles may call an endpoint at all (<see cref="RolesOf"/>, registered in
/// <see cref="AuthSetup"/> and asked by <see cref="Allows"/>). Which resource a caller may see or change is decided by
/// the <c>*Access</c> classes of the features (404 when not yours).
/// </summary>
public static class Policies
{
    public const string AdminOnly = "admin-only";
    public const string AnyCaller = "any-caller";

    /// <summary>Care providers (their own candidates) and Admin.</summary>
    public const string CandidateWriters = "candidate-writers";

    /// <summary>Only care providers register candidates: the owner comes from the key.</summary>
    public const string CandidateRegistrars = "candidate-registrars";

    /// <summary>Corporations and care providers (their own units) and Admin.</summary>
    public const string UnitWriters = "unit-writers";

    /// <summary>Only corporations and care providers post units: the owner comes from the key.</summary>
    public const string UnitPosters = "unit-posters";

    /// <summary>The Matchingspunt and Admin run and read matching rounds.</summary>
    public const string RoundRunners = "round-runners";

    /// <summary>Unit owners (corporations, care providers), the Matchingspunt and Admin rank candidates for a unit.</summary>
    public const string UnitRankers = "unit-rankers";

    /// <summary>The parties of a match that may decline it: corporations, care providers, the Matchingspunt and Admin.</summary>
    public const string MatchParties = "match-parties";

    /// <summary>Organisations (not the admin key, which has none) subscribe to webhooks.</summary>
    public const string Subscribers = "subscribers";

    /// <summary>Performance agreements are seen by corporations, municipalities, the Matchingspunt and Admin.</summary>
    public const string AgreementReaders = "agreement-readers";

    /// <summary>Municipalities (their own) and the Matchingspunt (its region) record performance agreements.</summary>
    public const string AgreementWriters = "agreement-writers";

    /// <summary>Care providers, the Matchingspunt and Admin rank units for a candidate.</summary>
    public const string CandidateRankers = "candidate-rankers";

    /// <summary>The roles of each policy; <see cref="AnyCaller"/> admits every authenticated caller.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [AdminOnly] = [Roles.Admin],
        [AnyCaller] = [Roles.Admin, Roles.Zorgaanbieder, Roles.Corporatie, Roles.Gemeente, Roles.Matchingspunt],
        [CandidateWriters] = [Roles.Zorgaanbieder, Roles.Admin],
        [CandidateRegistrars] = [Roles.Zorgaanbieder],
        [UnitWriters] = [Roles.Corporatie, Roles.Zorgaanbieder, Roles.Admin],
        [UnitPosters] = [Roles.Corporatie, Roles.Zorgaanbieder],
        [MatchParties] = [Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin],
        [Subscribers] = [Roles.Corporatie, Roles.Zorgaanbieder, Roles.Gemeente, Roles.Matchingspunt],
        [RoundRunners] = [Roles.Matchingspunt, Roles.Admin],
        [UnitRankers] = [Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin],
        [CandidateRankers] = [Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin],
        [AgreementReaders] = [Roles.Corporatie, Roles.Gemeente, Roles.Matchingspunt, Roles.Admin],
        [AgreementWriters] = [Roles.Gemeente, Roles.Matchingspunt],
    };

    /// <summary>Whether the caller's role passes the policy (for a check inside a handler that serves several policies).</summary>
    public static bool Allows(this Caller caller, string policy) => RolesOf[policy].Contains(caller.Role);
}
