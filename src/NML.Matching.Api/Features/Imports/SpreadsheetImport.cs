using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
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

/// <summary>One row of the preview: its number in the file, its own reference, what happens to it and why not.</summary>
public sealed record ImportRowReport(int Row, string? Reference, ImportRowStatus Status, IReadOnlyList<ImportIssue> Issues);

/// <summary>The preview of an upload: every row's report and the token that confirms it.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<ImportRowReport> Rows, string Token)
{
    public int New => Rows.Count(r => r.Status == ImportRowStatus.New);
    public int Existing => Rows.Count(r => r.Status == ImportRowStatus.Existing);
    public int Refused => Rows.Count(r => r.Status == ImportRowStatus.Refused);
}

/// <summary>What a confirmed import did: rows written, rows skipped because the own reference was there already, rows that failed.</summary>
public sealed record ImportOutcome(int Written, int Skipped, IReadOnlyList<ImportIssue> Failures, bool NothingWritten, string? Reason);

/// <summary>
/// One kind of spreadsheet import (a waiting list, units): the template's required columns and its key column, how a
/// row becomes the API's request, the register's own validator, and how the validator's property names and messages
/// read in the template's Dutch.
/// </summary>
public sealed record ImportDefinition<TRequest>(
    IReadOnlyList<string> Required,
    string KeyColumn,
    Func<SheetRow, (TRequest Request, List<ImportIssue> Unreadable)> Parse,
    Func<TRequest, string?> KeyOf,
    IValidator<TRequest> Validator,
    Func<string, string> ColumnOf,
    Func<ValidationFailure, string> DutchMessage);

/// <summary>
/// The steps every spreadsheet import shares (issue 14; D50-D53): read the file (<see cref="SpreadsheetReader"/>:
/// limits, formats, formulas), check each row with the register's own validator and the checks only the database can
/// make, mark a row whose own reference is registered already as skipped (D51) and a second row with the same reference
/// as refused, and put the valid new rows into the confirmation's <see cref="ImportToken"/>; then, on confirmation,
/// write them all in one transaction through the API's own use case, or none with "alles of niets".
/// </summary>
public static class SpreadsheetImport
{
    public const string FileField = "bestand";

    public const string Expired = "De voorvertoning is verlopen of hoort niet bij uw organisatie. Upload het bestand opnieuw.";

    /// <summary>
    /// The preview: every row's report and the token. <paramref name="existing"/> gives the references of the list
    /// that the organisation registered already; <paramref name="check"/> the database's checks of a row that the
    /// validator passed (an unknown gemeente), as an issue or null.
    /// </summary>
    public static async Task<Result<ImportPreview>> PreviewAsync<TRequest>(
        ImportDefinition<TRequest> definition, string fileName, byte[] content, Guid organisation,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyCollection<string>>> existing,
        Func<int, TRequest, CancellationToken, Task<ImportIssue?>> check,
        ImportToken tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sheet = SpreadsheetReader.Read(content, fileName);
        if (sheet.Refusal is { } refusal) return Error.Invalid(FileField, "import-refused", refusal);
        var missing = definition.Required.Where(c => !sheet.Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            return Error.Invalid(FileField, "import-columns", $"Deze verplichte kolommen ontbreken: {string.Join(", ", missing)}. Gebruik de kolomnamen van het sjabloon.");
        if (sheet.Rows.Count == 0) return Error.Invalid(FileField, "import-empty", "Het bestand heeft geen rijen onder de kopregel.");

        var parsed = sheet.Rows.Select(row => (row.Number, Parsed: definition.Parse(row))).ToList();
        var keys = parsed.Select(p => definition.KeyOf(p.Parsed.Request)?.Trim()).OfType<string>().Distinct().ToList();
        var registered = (await existing(keys, cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var reports = new List<ImportRowReport>();
        var valid = new List<ImportedRow<TRequest>>();
        foreach (var (number, (request, unreadable)) in parsed)
        {
            var issues = new List<ImportIssue>(unreadable);
            var unreadableColumns = unreadable.Select(i => i.Field).ToHashSet();
            foreach (var failure in (await definition.Validator.ValidateAsync(request, cancellationToken)).Errors)
            {
                var column = definition.ColumnOf(failure.PropertyName);
                if (!unreadableColumns.Contains(column)) issues.Add(new(number, column, definition.DutchMessage(failure)));
            }
            if (issues.Count == 0 && await check(number, request, cancellationToken) is { } refused) issues.Add(refused);
            var key = definition.KeyOf(request)?.Trim();
            if (key is not null && !firstRowOf.TryAdd(key, number))
                issues.Add(new(number, definition.KeyColumn, $"Deze {definition.KeyColumn.ToLowerInvariant()} staat ook in rij {firstRowOf[key]}: elke rij een eigen {definition.KeyColumn.ToLowerInvariant()}."));

            var status = issues.Count > 0 ? ImportRowStatus.Refused : registered.Contains(key!) ? ImportRowStatus.Existing : ImportRowStatus.New;
            if (status == ImportRowStatus.New) valid.Add(new ImportedRow<TRequest>(number, request));
            reports.Add(new ImportRowReport(number, key, status, issues));
        }
        var token = tokens.Protect(new ImportPayload<TRequest>(organisation, clock.GetUtcNow() + ImportToken.Lifetime, fileName,
            reports.Count(r => r.Status == ImportRowStatus.Refused), valid));
        return new ImportPreview(fileName, reports, token);
    }

    /// <summary>What writing one row gave: written, skipped (its reference is registered already), or failed with issues.</summary>
    public sealed record RowWrite(bool Written, bool Skipped, IReadOnlyList<ImportIssue> Failures)
    {
        public static readonly RowWrite Done = new(true, false, []);
        public static readonly RowWrite Duplicate = new(false, true, []);

        public static RowWrite Failed(params ImportIssue[] failures) => new(false, false, failures);
    }

    /// <summary>
    /// The confirmation: the token's rows, each through <paramref name="write"/> (the API's own use case: its validation,
    /// audit record and domain rules), all in one database transaction; with <paramref name="allOrNothing"/> none when
    /// the preview refused a row or a row fails now.
    /// </summary>
    public static async Task<Result<ImportOutcome>> ConfirmAsync<TRequest>(
        MatchingDbContext db, ImportToken tokens, TimeProvider clock, Guid organisation, string? token, bool allOrNothing,
        ImportDefinition<TRequest> definition, Func<ImportedRow<TRequest>, CancellationToken, Task<RowWrite>> write, CancellationToken cancellationToken)
    {
        var payload = tokens.Unprotect<TRequest>(token);
        if (payload is null || payload.OrganisationId != organisation || payload.Expires < clock.GetUtcNow())
            return Error.Invalid("token", "import-expired", Expired);
        if (allOrNothing && payload.RefusedRows > 0)
            return new ImportOutcome(0, 0, [], true, $"Er is niets geïmporteerd: u koos 'alles of niets' en {payload.RefusedRows} rij(en) zijn afgekeurd.");

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var written = 0;
            var skipped = 0;
            var failures = new List<ImportIssue>();
            foreach (var row in payload.Rows)
            {
                try
                {
                    var result = await write(row, cancellationToken);
                    if (result.Written) written++;
                    if (result.Skipped) skipped++;
                    failures.AddRange(result.Failures);
                }
                catch (ValidationException e)
                {
                    failures.AddRange(e.Errors.Select(f => new ImportIssue(row.Row, definition.ColumnOf(f.PropertyName), definition.DutchMessage(f))));
                }
                catch (DbUpdateException)
                {
                    // EF Core rolled back to its savepoint; what this row added is let go, the other rows stay.
                    foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList()) entry.State = EntityState.Detached;
                    failures.Add(new ImportIssue(row.Row, definition.KeyColumn, $"Deze rij kon niet worden opgeslagen (is de {definition.KeyColumn.ToLowerInvariant()} intussen al geregistreerd?)."));
                }
            }
            if (allOrNothing && failures.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (Result<ImportOutcome>)new ImportOutcome(0, 0, failures, true, "Er is niets geïmporteerd: u koos 'alles of niets' en niet elke rij kon worden opgeslagen.");
            }
            await transaction.CommitAsync(cancellationToken);
            return new ImportOutcome(written, skipped, failures, written == 0, null);
        });
    }
}
