using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Imports;

/// <summary>What the preview found in a row: to be written, already in the register (skipped), or refused.</summary>
public enum ImportRowStatus
{
    New,
    Existing,
    Refused,
}

/// <summary>One row of the preview: its number in the file, its cliëntreferentie, what happens to it and why not.</summary>
public sealed record ImportRowReport(int Row, string? Reference, ImportRowStatus Status, IReadOnlyList<ImportIssue> Issues);

/// <summary>The preview of an upload: every row's report and the token that confirms it.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<ImportRowReport> Rows, string Token)
{
    public int New => Rows.Count(r => r.Status == ImportRowStatus.New);
    public int Existing => Rows.Count(r => r.Status == ImportRowStatus.Existing);
    public int Refused => Rows.Count(r => r.Status == ImportRowStatus.Refused);
}

/// <summary>
/// A care provider uploads its waiting list (issue 14): every row is read (<see cref="CandidateImportTemplate"/>) and
/// checked with the register's own rules (<see cref="CandidateRequest.Validator"/>, the municipalities as
/// <see cref="CandidateAccess.CheckGemeentenAsync"/> checks them, the cliëntreferentie unique per provider). Nothing is
/// written: the valid new rows go into the <see cref="ImportToken"/> for <see cref="ConfirmCandidateImport"/>.
/// </summary>
public static class PreviewCandidateImport
{
    public const string FileField = "bestand";

    public sealed record Query(string FileName, byte[] Content) : IQuery<Result<ImportPreview>>;

    private static readonly CandidateRequest.Validator Rules = new();

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, ImportToken tokens, TimeProvider clock) : IQueryHandler<Query, Result<ImportPreview>>
    {
        public async ValueTask<Result<ImportPreview>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckCandidateImport(caller.Caller) is { } forbidden) return forbidden;
            var provider = caller.Caller.OrganisationId!.Value;

            var sheet = SpreadsheetReader.Read(query.Content, query.FileName);
            if (sheet.Refusal is { } refusal) return Error.Invalid(FileField, "import-refused", refusal);
            var missing = CandidateImportTemplate.Required.Where(c => !sheet.Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
                return Error.Invalid(FileField, "import-columns", $"Deze verplichte kolommen ontbreken: {string.Join(", ", missing)}. Gebruik de kolomnamen van het sjabloon.");
            if (sheet.Rows.Count == 0) return Error.Invalid(FileField, "import-empty", "Het bestand heeft geen rijen onder de kopregel.");

            var parsed = sheet.Rows.Select(row => (row.Number, Parsed: CandidateImportTemplate.Parse(row))).ToList();
            var references = parsed.Select(p => p.Parsed.Request.ExternalReference?.Trim()).OfType<string>().Distinct().ToList();
            var existing = (await db.Candidates.AsNoTracking().Where(c => c.ProviderOrganisationId == provider && references.Contains(c.ExternalReference))
                .Select(c => c.ExternalReference).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

            var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var reports = new List<ImportRowReport>();
            var valid = new List<ImportedRow>();
            foreach (var (number, (request, unreadable)) in parsed)
            {
                var issues = new List<ImportIssue>(unreadable);
                var unreadableColumns = unreadable.Select(i => i.Field).ToHashSet();
                foreach (var failure in (await Rules.ValidateAsync(request, cancellationToken)).Errors)
                {
                    var column = CandidateImportTemplate.ColumnOf(failure.PropertyName);
                    if (!unreadableColumns.Contains(column)) issues.Add(new(number, column, CandidateImportTemplate.DutchMessage(failure)));
                }
                if (issues.Count == 0 && await db.CheckGemeentenAsync(request, cancellationToken) is { IsSuccess: false, Error: { } unknown })
                {
                    var code = request.GemeenteReferences().FirstOrDefault(r => r.Field == unknown.Field).Code;
                    issues.Add(new(number, CandidateImportTemplate.ColumnOf(unknown.Field ?? string.Empty), $"Er is geen gemeente met code {code}."));
                }
                var reference = request.ExternalReference?.Trim();
                if (reference is not null && !firstRowOf.TryAdd(reference, number))
                    issues.Add(new(number, CandidateImportTemplate.Reference, $"Deze cliëntreferentie staat ook in rij {firstRowOf[reference]}: elke cliënt één keer."));

                var status = issues.Count > 0 ? ImportRowStatus.Refused : existing.Contains(reference!) ? ImportRowStatus.Existing : ImportRowStatus.New;
                if (status == ImportRowStatus.New) valid.Add(new ImportedRow(number, request));
                reports.Add(new ImportRowReport(number, reference, status, issues));
            }
            var token = tokens.Protect(new ImportPayload(provider, clock.GetUtcNow() + ImportToken.Lifetime, query.FileName,
                reports.Count(r => r.Status == ImportRowStatus.Refused), valid));
            return new ImportPreview(query.FileName, reports, token);
        }
    }
}
