using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>
/// Who may read which monitoring figures (docs/monitoring.md): every organisation its own region (Admin any); the
/// detail of one municipality's residents only that municipality, the Matchingspunt and Admin; the small-number rule
/// for everyone except the Matchingspunt and Admin; the performance agreements' report for those who read agreements.
/// </summary>
public static class MonitoringAccess
{
    /// <summary>Null when the caller may read the region's figures, otherwise 403 <c>monitoring-scope</c>.</summary>
    public static Error? CheckRegion(Caller caller, string regionCode) =>
        caller.IsAdmin || regionCode == caller.RegionCode ? null : Scope($"Monitoring covers your own region ({caller.RegionCode}) only.");

    /// <summary>Null when the caller may see the detail of <paramref name="gemeente"/>'s residents, otherwise 403 <c>monitoring-scope</c>.</summary>
    public static Error? CheckMunicipalityDetail(Caller caller, string gemeente) => caller.Role switch
    {
        Roles.Admin or Roles.Matchingspunt => null,
        Roles.Gemeente when caller.GemeenteCode == gemeente => null,
        Roles.Gemeente => Scope("A municipality sees the detail of its own residents and regional aggregates of the others: leave out gemeente, or give your own."),
        _ => Scope("Municipality detail is for the municipality itself, the Matchingspunt and Admin: leave out gemeente for the regional figures."),
    };

    /// <summary>True when the small-number rule applies to the caller's figures (every role except the Matchingspunt and Admin).</summary>
    public static bool SmallNumberRuleApplies(Caller caller) => caller.Role is not (Roles.Admin or Roles.Matchingspunt);

    /// <summary>Null when the caller may export the performance agreements (the readers of agreements), otherwise 403.</summary>
    public static Error? CheckAgreementsReport(Caller caller) => caller.Allows(Policies.AgreementReaders) ? null
        : new Error(ErrorKind.Forbidden, "forbidden", "Performance agreements are for the corporations, municipalities, the Matchingspunt and Admin.");

    private static Error Scope(string detail) => new(ErrorKind.Forbidden, "monitoring-scope", detail);
}
