using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Features.Imports;

/// <summary>
/// Who may import, into its own organisation: a waiting list, whoever may register candidates through the API
/// (<see cref="Policies.CandidateRegistrars"/>: a care provider); units, whoever may offer units
/// (<see cref="Policies.UnitPosters"/>: a corporation, or a care provider that lets homes itself).
/// </summary>
public static class ImportAccess
{
    /// <summary>Null when the caller may import a waiting list, otherwise 403.</summary>
    public static Error? CheckCandidateImport(Caller caller) =>
        caller.Allows(Policies.CandidateRegistrars) && caller.OrganisationId is not null
            ? null
            : new Error(ErrorKind.Forbidden, "forbidden", "Alleen een zorgaanbieder importeert een wachtlijst.");

    /// <summary>Null when the caller may import units, otherwise 403.</summary>
    public static Error? CheckUnitImport(Caller caller) =>
        caller.Allows(Policies.UnitPosters) && caller.OrganisationId is not null
            ? null
            : new Error(ErrorKind.Forbidden, "forbidden", "Alleen een woningcorporatie importeert woningen.");
}
