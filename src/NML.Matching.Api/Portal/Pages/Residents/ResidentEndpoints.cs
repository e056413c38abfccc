using Mediator;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
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
        app.MapGet(ExportPath, async (IMediator mediator, ICallerAccessor callers, TimeProvider clock, HttpContext http, CancellationToken cancellationToken,
                string? format = null, string? dialect = null) =>
            {
                if (!callers.Caller.Is(Roles.Gemeente)) return Results.NotFound();
                var today = RegionalDate.Today(clock);
                var table = new CsvTable(Header);
                for (var page = 1; ; page++)
                {
                    var list = await mediator.Send(new ListCandidates.Query(null, null, null, null, null, null, page, Paging.MaxPageSize), cancellationToken);
                    foreach (var c in list.Items.Where(InQueue))
                        table.Add(CandidateWords.Of(c.Status), c.ReadySince, WaitingDays(c, today), CandidateWords.Of(c.CurrentSetting), CandidateWords.Of(c.SupportNeed),
                            CandidateWords.Of(c.PrikkelarmNeed), c.Urgent ? "ja" : "nee");
                    if (page * list.PageSize >= list.Total) break;
                }
                http.Response.Headers.CacheControl = "no-store";
                return format == "xlsx"
                    ? Results.File(table.ToXlsx("Inwoners in de wachtrij"), XlsxWriter.ContentType, "nml-inwoners-wachtrij.xlsx")
                    : Results.File(table.ToBytes(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.ExcelNl), "text/csv; charset=utf-8", "nml-inwoners-wachtrij.csv");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
