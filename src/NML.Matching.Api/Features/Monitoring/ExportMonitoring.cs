using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>A file to download: CSV or, with format=xlsx, an Excel workbook.</summary>
public sealed record CsvFile(string FileName, byte[] Content, string ContentType = "text/csv; charset=utf-8");

public static class ExportMonitoring
{
    public static readonly string[] Reports = ["summary", "spreiding", "supply", "agreements"];

    public sealed record Query(string? Report, string? Format, string? Dialect, string? RegionCode, string? Point, string? Gemeente, string? From, string? To)
        : IQuery<Result<CsvFile>>, IMonitoringRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new MonitoringRequestValidator());
            RuleFor(q => q.Report).NotEmpty().Must(r => Reports.Contains(r)).WithMessage($"One of: {string.Join(", ", Reports)}.");
            RuleFor(q => q.Format).Must(f => f is null or "csv" or "xlsx").WithMessage("csv (the default) or xlsx.");
            RuleFor(q => q.Dialect).Must(d => d is null or "excel" or "rfc4180").WithMessage("excel (the default: ';' and a decimal comma) or rfc4180 (',' and a decimal point).");
        }
    }

    public sealed class Handler(IMediator mediator, ICallerAccessor caller, MatchingDbContext db, TimeProvider clock) : IQueryHandler<Query, Result<CsvFile>>
    {
        public async ValueTask<Result<CsvFile>> Handle(Query q, CancellationToken cancellationToken)
        {
            var table = q.Report switch
            {
                "summary" => Map(await mediator.Send(new GetMonitoringSummary.Query(q.RegionCode, q.Point, q.Gemeente, q.From, q.To), cancellationToken), Summary),
                "spreiding" => Map(await mediator.Send(new GetSpreiding.Query(q.RegionCode, q.Point, q.Gemeente, q.From, q.To), cancellationToken), Spreiding),
                "supply" => Map(await mediator.Send(new GetSupply.Query(q.RegionCode, q.Point, q.Gemeente, q.From, q.To), cancellationToken), Supply),
                _ => await AgreementsAsync(q, cancellationToken),
            };
            if (!table.IsSuccess) return table.Error!;
            var dialect = q.Dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.ExcelNl;
            var name = string.Join('-', new[] { "nml", q.Report!, q.RegionCode ?? caller.Caller.RegionCode, q.Point, q.Gemeente, q.From, q.To }
                .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new string([.. p!.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant()));
            return q.Format == "xlsx"
                ? new CsvFile($"{name}.xlsx", table.Value!.ToXlsx(SheetNames[q.Report!]), XlsxWriter.ContentType)
                : new CsvFile($"{name}.csv", table.Value!.ToBytes(dialect));
        }

        /// <summary>The sheet of each report, in the words of the monitoring page.</summary>
        internal static readonly Dictionary<string, string> SheetNames = new()
        {
            ["summary"] = "Overzicht", ["spreiding"] = "Spreiding", ["supply"] = "Aanbod", ["agreements"] = "Prestatieafspraken",
        };

        private static Result<CsvTable> Map<T>(Result<T> result, Func<T, CsvTable> toTable) => result.IsSuccess ? toTable(result.Value!) : result.Error!;

        private async Task<Result<CsvTable>> AgreementsAsync(Query q, CancellationToken cancellationToken)
        {
            if (MonitoringAccess.CheckAgreementsReport(caller.Caller) is { } forbidden) return forbidden;
            // The same region, point and municipality checks as the other reports; then only the agreements the caller sees.
            var scope = await MonitoringScope.ResolveAsync(db, caller.Caller, clock, q, municipalityDetail: false, cancellationToken);
            if (!scope.IsSuccess) return scope.Error!;
            int? year = q.To is not null && MonitoringRequestValidator.TryParseDate(q.To, out var to) ? to.Year : null;
            var table = new CsvTable("Corporatie", "Gemeentecode", "Gemeente", "Jaar", "Doel (woningen)", "Gerealiseerd", "Percentage", "Verwacht tot nu", "Status", "Toelichting");
            for (var page = 1; ; page++)
            {
                var list = await mediator.Send(new ListPerformanceAgreements.Query(year, q.Gemeente, null, page, Paging.MaxPageSize), cancellationToken);
                foreach (var a in list.Items.Where(a => a.RegionCode == scope.Value!.RegionCode && scope.Value.FocusCodes.Contains(a.GemeenteCode)))
                    table.Add(a.CorporationName, a.GemeenteCode, a.GemeenteName, a.Year, a.TargetUnits, a.RealisedUnits, a.Percentage, a.ExpectedByNow, Dutch(a.Status), a.Note);
                if (page * list.PageSize >= list.Total) break;
            }
            return table;
        }

        private static CsvTable Summary(MonitoringSummaryDto s)
        {
            var t = new CsvTable("Onderdeel", "Kenmerk", "Waarde");
            t.Add("Wachtrij", "Totaal", s.Queue.Total).Add("Wachtrij", "Urgent", s.Queue.Urgent);
            foreach (var c in s.Queue.ByStatus) t.Add("Wachtrij per status", StatusNames.GetValueOrDefault(c.Key, c.Key), c.Count);
            foreach (var c in s.Queue.ByCurrentSetting) t.Add("Wachtrij per huidige woonsituatie", c.Key, c.Count);
            foreach (var c in s.Queue.BySupportNeed) t.Add("Wachtrij per begeleidingsbehoefte", c.Key, c.Count);
            foreach (var c in s.Queue.ByPrikkelarmNeed) t.Add("Wachtrij per prikkelarm-behoefte", PrikkelarmNames.GetValueOrDefault(c.Key, c.Key), c.Count);
            foreach (var g in s.Queue.ByGemeente) t.Add("Wachtrij per gemeente", g.Name, g.Count);
            t.Add("Instroom", "Nieuwe kandidaten", s.Inflow);
            t.Add("Werkproces", "Voorstellen", s.Workflow.Proposals).Add("Werkproces", "Voordrachten", s.Workflow.Nominations)
                .Add("Werkproces", "Acceptaties", s.Workflow.Acceptances).Add("Werkproces", "Huurcontracten", s.Workflow.Contracts)
                .Add("Werkproces", "Afwijzingen", s.Workflow.Declines).Add("Werkproces", "Verlopen", s.Workflow.Expiries);
            foreach (var d in s.Declines) t.Add("Afwijzingen per reden", $"{d.ReasonCode} ({d.Party})", d.Count);
            t.Add("Wachttijd", "Huurcontracten gestart", s.WaitingTime.Tenancies).Add("Wachttijd", "Mediaan (dagen)", s.WaitingTime.MedianDays)
                .Add("Wachttijd", "90e percentiel (dagen)", s.WaitingTime.P90Days);
            foreach (var q in s.WaitingTimeByQuarter) t.Add("Wachttijd per kwartaal", $"{q.Quarter} mediaan (dagen)", q.MedianDays);
            foreach (var step in s.StepDays) t.Add("Doorlooptijd per stap", $"{StepNames.GetValueOrDefault(step.Step, step.Step)} mediaan (dagen)", step.MedianDays);
            foreach (var d in s.DuurzameUitstroom)
            {
                t.Add("Duurzame uitstroom", $"{d.Month} maanden: te volgen", d.Due).Add("Duurzame uitstroom", $"{d.Month} maanden: vastgelegd", d.Recorded)
                    .Add("Duurzame uitstroom", $"{d.Month} maanden: nog gehuisvest", d.StillHoused).Add("Duurzame uitstroom", $"{d.Month} maanden: aandeel", d.Share);
            }
            return t.Add("Omklap", "Verwacht", s.Omklap.Due).Add("Omklap", "Gerealiseerd", s.Omklap.Realised).Add("Omklap", "Aandeel", s.Omklap.Share);
        }

        private static CsvTable Spreiding(SpreidingDto s)
        {
            var t = new CsvTable("Gemeentecode", "Gemeente", "Punt", "Plaatsingen", "Eerlijk aandeel", "Verwacht", "Verhouding", "Spreidingsindex");
            foreach (var g in s.Gemeenten) t.Add(g.GemeenteCode, g.Name, g.Point, g.Placements, g.FairShare, g.Expected, g.Ratio, null);
            t.Add(s.RegionCode, "Totaal", s.Point, s.TotalPlacements, 1.0, null, null, s.Index);
            foreach (var q in s.ByQuarter) t.Add(s.RegionCode, $"Kwartaal {q.Quarter}", s.Point, q.Placements, null, null, null, q.Index);
            return t;
        }

        private static CsvTable Supply(SupplyDto s)
        {
            var t = new CsvTable("Gemeentecode", "Gemeente", "Eigenaar", "Aangeboden", "Verhuurd", "Ingetrokken", "Nu beschikbaar", "Mediaan dagen tot verhuur");
            foreach (var r in s.Rows) t.Add(r.GemeenteCode, r.Name, r.OwnerName, r.Posted, r.Let, r.Withdrawn, r.OpenNow, r.MedianDaysToLet);
            t.Add(s.RegionCode, "Totaal", null, s.Totals.Posted, s.Totals.Let, s.Totals.Withdrawn, s.Totals.OpenNow, s.Totals.MedianDaysToLet);
            foreach (var n in s.Shortages) t.Add(s.RegionCode, $"Tekort: {n.Label}", null, null, null, null, n.Units, null);
            return t;
        }

        internal static readonly Dictionary<string, string> StatusNames = new()
        {
            [nameof(CandidateStatus.Registered)] = "Aangemeld",
            [nameof(CandidateStatus.Ready)] = "Uitstroomgereed",
            [nameof(CandidateStatus.Matched)] = "Gekoppeld",
            [nameof(CandidateStatus.Parked)] = "Geparkeerd",
        };

        internal static readonly Dictionary<string, string> PrikkelarmNames = new()
        {
            [nameof(PrikkelarmNeed.None)] = "Geen",
            [nameof(PrikkelarmNeed.Preferred)] = "Gewenst",
            [nameof(PrikkelarmNeed.Required)] = "Vereist",
        };

        internal static readonly Dictionary<string, string> StepNames = new()
        {
            [nameof(MatchStatus.Proposed) + "To" + nameof(MatchStatus.Nominated)] = "Voorstel tot voordracht",
            [nameof(MatchStatus.Nominated) + "To" + nameof(MatchStatus.Accepted)] = "Voordracht tot acceptatie",
            [nameof(MatchStatus.Accepted) + "To" + nameof(MatchStatus.Contracted)] = "Acceptatie tot huurcontract",
        };

        internal static string Dutch(AgreementStatus status) => status switch
        {
            AgreementStatus.Met => "Gehaald",
            AgreementStatus.OnTrack => "Op schema",
            _ => "Achter",
        };
    }

    public static RouteHandlerBuilder MapExportMonitoring(this IEndpointRouteBuilder group) =>
        group.MapGet("/export", async (IMediator mediator, HttpContext http, CancellationToken cancellationToken, string? report = null, string? format = null,
                string? dialect = null, string? regionCode = null, string? point = null, string? gemeente = null, string? from = null, string? to = null) =>
                (await mediator.Send(new Query(report, format, dialect, regionCode, point, gemeente, from, to), cancellationToken)).ToHttp(file =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return TypedResults.File(file.Content, file.ContentType, file.FileName);
                }))
            .WithName("ExportMonitoring")
            .WithSummary("Download a report as CSV or Excel: summary, spreiding, supply or agreements, with the same filters and the same numbers as the JSON.")
            .WithDescription("format=csv (the default) or format=xlsx (an Excel workbook: numbers and dates in real cells, the same Dutch headers, hidden counts as the text \"<5\" or \"x\"). The default dialect opens in Dutch Excel without a wizard: UTF-8 with a byte-order mark, ';' between fields, a decimal comma, CRLF. dialect=rfc4180 writes commas, a decimal point and no byte-order mark. Columns are named in Dutch. Small numbers show as \"<5\" and withheld counts as \"x\", as in the JSON. report=agreements lists the agreements you may see for the year of 'to' (all years without 'to').")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", XlsxWriter.ContentType)
            .ProducesValidationProblem()
            .ProducesForbidden();
}
