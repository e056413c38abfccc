using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
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
        app.MapListExport(ProposalsExportPath, "voorstellen", "Voorstellen", async (query, caller, mediator, _, cancellationToken) =>
        {
            if (!TryParseStep(query.Value("stap"), out var step)) throw new ValidationException("Unknown stap.");
            Guid? client = null;
            if (query.Value("client") is { } id) client = Guid.TryParse(id, out var parsed) ? parsed : throw new ValidationException("Unknown client.");
            var matches = await ListExport.AllAsync((page, size) => mediator.Send(ProposalsQuery(caller, step, client, page, size), cancellationToken));
            var names = await GemeenteNamesAsync(mediator, cancellationToken);
            var table = new CsvTable("Cliëntreferentie", "Gemeente van de woning", "Stap", "Score", "Termijn", "Voorgesteld op", "Reden van afwijzen");
            foreach (var m in matches)
                table.Add(m.Candidate?.ExternalReference, names.GetValueOrDefault(m.UnitGemeenteCode, m.UnitGemeenteCode), ProposalWords.StepShort(m.Status),
                    Math.Round(m.Score, 1), m.DueAt is { } due && ProposalWords.Active(m.Status) ? RegionalDay(due) : null, RegionalDay(m.CreatedAt),
                    DeclineReasons.Find(m.DeclineReasonCode)?.Description);
            return table;
        });

        app.MapListExport(AftercareExportPath, "nazorg", "Nazorg", async (query, caller, mediator, _, cancellationToken) =>
        {
            var chosen = query.Value("filter");
            if (!IsAftercareFilter(chosen)) throw new ValidationException("Unknown filter.");
            var tenancies = await ListExport.AllAsync((page, size) => mediator.Send(AftercareQuery(caller, chosen, page, size), cancellationToken));
            var references = await mediator.Send(new CandidateReferences.Query([.. tenancies.Where(t => t.CandidateId is not null).Select(t => t.CandidateId!.Value)]), cancellationToken);
            var names = await GemeenteNamesAsync(mediator, cancellationToken);
            var table = new CsvTable("Cliëntreferentie", "Gemeente van de woning", "Ingangsdatum", "Contractvorm",
                "Nazorg 3 maanden", "Nazorg 6 maanden", "Nazorg 12 maanden", "Omklap gepland", "Omklap op");
            foreach (var t in tenancies)
                table.Add(t.CandidateId is { } id ? references.GetValueOrDefault(id) : null, names.GetValueOrDefault(t.UnitGemeenteCode, t.UnitGemeenteCode),
                    t.StartDate, ProposalWords.Contract(t.ContractForm),
                    FollowUpCell(t, 3), FollowUpCell(t, 6), FollowUpCell(t, 12), t.OmklapDueDate, t.OmklapDate);
            return table;
        });
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

    private static DateOnly RegionalDay(DateTimeOffset moment) => RegionalDate.DateOf(moment);

    private static async Task<Dictionary<string, string>> GemeenteNamesAsync(IMediator mediator, CancellationToken cancellationToken) =>
        ((await mediator.Send(new ListGemeenten.Query(null, null, 1, 200), cancellationToken)).Value?.Items ?? []).ToDictionary(g => g.Code, g => g.Name);
}
