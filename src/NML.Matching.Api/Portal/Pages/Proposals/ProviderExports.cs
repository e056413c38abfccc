using Mediator;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Proposals;

/// <summary>
/// The care provider's lists as queries (shared by the pages and their downloads, so that a file holds what the page
/// shows) and the downloads of Voorstellen and Nazorg as Excel and Dutch CSV, for the signed-in person. A file names a
/// client only by the provider's own pseudonymous reference.
/// </summary>
public static class ProviderExports
{
    public const string ProposalsExportPath = "/voorstellen/export";
    public const string AftercareExportPath = "/nazorg/export";

    /// <summary>At most this many rows in a download (the lists are an organisation's own clients).</summary>
    public const int MaxRows = 5000;

    /// <summary>The organisation whose clients the lists show: the person's own (Admin: every provider's).</summary>
    public static Guid? ProviderOf(Caller caller) => caller.IsAdmin ? null : caller.OrganisationId ?? Guid.Empty;

    public static ListMatches.Query ProposalsQuery(Caller caller, MatchStatus? step, Guid? client, int page, int pageSize) =>
        new(step, null, null, null, client, null, page, pageSize, ProviderOf(caller));

    /// <summary>The Nazorg filter: open (to record now or overdue; the default), overdue, or all.</summary>
    public static ListTenancies.Query AftercareQuery(Caller caller, string? filter, int page, int pageSize) => filter switch
    {
        "achterstallig" => new(null, null, true, page, pageSize, ProviderOf(caller)),
        "alle" => new(null, null, null, page, pageSize, ProviderOf(caller)),
        _ => new(null, null, null, page, pageSize, ProviderOf(caller), FollowUpOpen: true),
    };

    public static bool IsAftercareFilter(string? filter) => filter is null or "open" or "achterstallig" or "alle";

    /// <summary>An empty step is all steps; a step that is not a MatchStatus name is refused.</summary>
    public static bool TryParseStep(string? value, out MatchStatus? step)
    {
        step = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (Enum.TryParse<MatchStatus>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            step = parsed;
            return true;
        }
        return false;
    }

    public static IEndpointRouteBuilder MapProviderExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProposalsExportPath, async (IMediator mediator, ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken,
                string? format = null, string? stap = null, Guid? client = null) =>
            {
                if (!TryParseStep(stap, out var step) || !IsFormat(format)) return Results.StatusCode(StatusCodes.Status400BadRequest);
                var matches = await AllAsync(page => mediator.Send(ProposalsQuery(callers.Caller, step, client, page, Paging.MaxPageSize), cancellationToken));
                var names = await GemeenteNamesAsync(mediator, cancellationToken);
                var table = new CsvTable("Cliëntreferentie", "Gemeente van de woning", "Stap", "Score", "Termijn", "Voorgesteld op", "Reden van afwijzen");
                foreach (var m in matches)
                    table.Add(m.Candidate?.ExternalReference, names.GetValueOrDefault(m.UnitGemeenteCode, m.UnitGemeenteCode), ProposalWords.StepShort(m.Status),
                        Math.Round(m.Score, 1), m.DueAt is { } due && ProposalWords.Active(m.Status) ? RegionalDay(due) : null, RegionalDay(m.CreatedAt),
                        DeclineReasons.Find(m.DeclineReasonCode)?.Description);
                return File(http, table, format!, "voorstellen");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

        app.MapGet(AftercareExportPath, async (IMediator mediator, ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken,
                string? format = null, string? filter = null) =>
            {
                var chosen = string.IsNullOrWhiteSpace(filter) ? null : filter;
                if (!IsAftercareFilter(chosen) || !IsFormat(format)) return Results.StatusCode(StatusCodes.Status400BadRequest);
                var tenancies = await AllAsync(page => mediator.Send(AftercareQuery(callers.Caller, chosen, page, Paging.MaxPageSize), cancellationToken));
                var references = await mediator.Send(new CandidateReferences.Query([.. tenancies.Where(t => t.CandidateId is not null).Select(t => t.CandidateId!.Value)]), cancellationToken);
                var names = await GemeenteNamesAsync(mediator, cancellationToken);
                var table = new CsvTable("Cliëntreferentie", "Gemeente van de woning", "Ingangsdatum", "Contractvorm",
                    "Nazorg 3 maanden", "Nazorg 6 maanden", "Nazorg 12 maanden", "Omklap gepland", "Omklap op");
                foreach (var t in tenancies)
                    table.Add(t.CandidateId is { } id ? references.GetValueOrDefault(id) : null, names.GetValueOrDefault(t.UnitGemeenteCode, t.UnitGemeenteCode),
                        t.StartDate, ProposalWords.Contract(t.ContractForm),
                        FollowUpCell(t, 3), FollowUpCell(t, 6), FollowUpCell(t, 12), t.OmklapDueDate, t.OmklapDate);
                return File(http, table, format!, "nazorg");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A follow-up in words: its outcome when recorded, else "te laat sinds" or "gepland op" its due date.</summary>
    public static string FollowUpCell(TenancyDto tenancy, int month)
    {
        var f = tenancy.FollowUps.First(x => x.Month == month);
        return f.Outcome is { } outcome ? "vastgelegd: " + ProposalWords.Outcome(outcome)
            : f.Overdue ? "te laat, was " + f.DueDate.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : "gepland " + f.DueDate.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every page of a list (the handlers page by at most <see cref="Paging.MaxPageSize"/>), up to <see cref="MaxRows"/> rows.</summary>
    private static async Task<List<T>> AllAsync<T>(Func<int, ValueTask<PagedList<T>>> read)
    {
        var all = new List<T>();
        for (var page = 1; all.Count < MaxRows; page++)
        {
            var list = await read(page);
            all.AddRange(list.Items);
            if (list.Items.Count == 0 || all.Count >= list.Total) break;
        }
        return all;
    }

    private static bool IsFormat(string? format) => format is "xlsx" or "csv";

    private static DateOnly RegionalDay(DateTimeOffset moment) => RegionalDate.DateOf(moment);

    private static async Task<Dictionary<string, string>> GemeenteNamesAsync(IMediator mediator, CancellationToken cancellationToken) =>
        ((await mediator.Send(new ListGemeenten.Query(null, null, 1, 200), cancellationToken)).Value?.Items ?? []).ToDictionary(g => g.Code, g => g.Name);

    private static IResult File(HttpContext http, CsvTable table, string format, string name)
    {
        http.Response.Headers.CacheControl = "no-store";
        return format == "xlsx"
            ? Results.File(table.ToXlsx(name), XlsxWriter.ContentType, name + ".xlsx")
            : Results.File(table.ToBytes(CsvDialect.ExcelNl), "text/csv; charset=utf-8", name + ".csv");
    }
}
