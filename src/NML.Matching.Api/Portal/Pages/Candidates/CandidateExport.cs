using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Candidates;

/// <summary>
/// Mijn cliënten as Excel and CSV (<see cref="ListExport"/>): the page's filters and sort (reference, status,
/// herkomstGemeente, supportNeed, prikkelarmNeed, sort), every page, the columns of the page. A client is known by the
/// provider's pseudonymous cliëntreferentie only.
/// </summary>
public static class CandidateExport
{
    public const string Path = "/clienten/export";

    public static readonly string[] Header =
        ["Cliëntreferentie", "Status", "Uitstroom-gereed sinds", "Wachtdagen", "Herkomstgemeente", "Begeleidingsbehoefte", "Behoefte aan prikkelarm wonen"];

    public static IEndpointRouteBuilder MapCandidateExport(this IEndpointRouteBuilder app)
    {
        app.MapListExport(Path, "clienten", "Cliënten", async (query, _, mediator, clock, cancellationToken) =>
        {
            var status = query.Enum<CandidateStatus>("status");
            var support = query.Enum<SupportNeed>("supportNeed");
            var prikkelarm = query.Enum<PrikkelarmNeed>("prikkelarmNeed");
            var today = RegionalDate.Today(clock);
            var candidates = await ListExport.AllAsync((page, size) => mediator.Send(new ListCandidates.Query(status, query.Value("herkomstGemeente"), support, prikkelarm,
                null, null, page, size, query.Value("reference"), query.Value("sort")), cancellationToken));
            var table = new CsvTable(Header);
            foreach (var c in candidates)
                table.Add(c.ExternalReference, CandidateWords.Of(c.Status), c.ReadySince, WaitingDays(c, today), c.HerkomstGemeenteCode,
                    CandidateWords.Of(c.SupportNeed), CandidateWords.Of(c.PrikkelarmNeed));
            return table;
        });
        return app;
    }

    /// <summary>The days since readySince on the regional today, as the list shows them (none for a future date, a withdrawn or a housed client).</summary>
    private static int? WaitingDays(CandidateDto candidate, DateOnly today) =>
        candidate.Status is CandidateStatus.Withdrawn or CandidateStatus.Housed || candidate.ReadySince > today ? null : today.DayNumber - candidate.ReadySince.DayNumber;
}
