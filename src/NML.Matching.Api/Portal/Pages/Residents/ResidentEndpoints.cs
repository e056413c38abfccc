using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
using NML.Matching.Api.Portal.Pages.Candidates;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Residents;

/// <summary>
/// The municipality's residents in the queue (/inwoners) and their download: ListCandidates for a municipality gives
/// the candidates whose herkomstgemeente it is (CandidateAccess). The page and the file show only what following the
/// queue needs: no cliëntreferentie (the provider's pseudonym), no age band or household.
/// </summary>
public static class ResidentEndpoints
{
    public const string ExportPath = "/inwoners/export";

    public static readonly string[] Header =
    [
        "Status", "Uitstroom-gereed sinds", "Wachtdagen", "Huidige woonsituatie", "Begeleidingsbehoefte", "Behoefte aan prikkelarm wonen", "Urgent",
    ];

    /// <summary>The queue (docs/monitoring.md, queue.total): neither withdrawn nor housed.</summary>
    public static bool InQueue(CandidateDto c) => c.Status is not (CandidateStatus.Withdrawn or CandidateStatus.Housed);

    /// <summary>Days since uitstroom-gereed on the regional today; none for a future date or someone not in the queue.</summary>
    public static int? WaitingDays(CandidateDto c, DateOnly today)
    {
        if (!InQueue(c)) return null;
        var days = today.DayNumber - c.ReadySince.DayNumber;
        return days < 0 ? null : days;
    }

    public static IEndpointRouteBuilder MapResidentPortal(this IEndpointRouteBuilder app)
    {
        app.MapListExport(ExportPath, "inwoners-wachtrij", "Inwoners in de wachtrij", async (_, caller, mediator, clock, cancellationToken) =>
        {
            if (!caller.Is(Roles.Gemeente)) return null;
            var today = RegionalDate.Today(clock);
            var candidates = await ListExport.AllAsync((page, size) => mediator.Send(new ListCandidates.Query(null, null, null, null, null, null, page, size), cancellationToken));
            var table = new CsvTable(Header);
            foreach (var c in candidates.Where(InQueue))
                table.Add(CandidateWords.Of(c.Status), c.ReadySince, WaitingDays(c, today), CandidateWords.Of(c.CurrentSetting), CandidateWords.Of(c.SupportNeed),
                    CandidateWords.Of(c.PrikkelarmNeed), c.Urgent ? "ja" : "nee");
            return table;
        });
        return app;
    }
}
