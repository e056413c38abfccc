using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Imports;

/// <summary>What a confirmed import did: rows written, rows skipped because the cliëntreferentie was there already, rows that failed.</summary>
public sealed record ImportOutcome(int Written, int Skipped, IReadOnlyList<ImportIssue> Failures, bool NothingWritten, string? Reason);

/// <summary>
/// Writes the rows of a preview (<see cref="PreviewCandidateImport"/>) after the person confirmed: each through
/// <see cref="RegisterCandidate"/>, the same operation as POST /api/v1/candidates (its validation, audit record and
/// domain rules), all in one database transaction. With <see cref="Command.AllOrNothing"/> nothing is written when the
/// preview refused a row or a row fails now; otherwise the valid rows are written and the failures reported. A
/// cliëntreferentie that is in the register already is skipped (D-NEXT "Import: the own reference is the key"), so
/// importing the same file again creates no duplicates.
/// </summary>
public static class ConfirmCandidateImport
{
    public const string Expired = "De voorvertoning is verlopen of hoort niet bij uw organisatie. Upload het bestand opnieuw.";

    public sealed record Command(string? Token, bool AllOrNothing) : ICommand<Result<ImportOutcome>>;

    public sealed class Handler(MatchingDbContext db, IMediator mediator, ICallerAccessor caller, ImportToken tokens, TimeProvider clock)
        : ICommandHandler<Command, Result<ImportOutcome>>
    {
        public async ValueTask<Result<ImportOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckCandidateImport(caller.Caller) is { } forbidden) return forbidden;
            var provider = caller.Caller.OrganisationId!.Value;
            var payload = tokens.Unprotect(command.Token);
            if (payload is null || payload.OrganisationId != provider || payload.Expires < clock.GetUtcNow())
                return Error.Invalid("token", "import-expired", Expired);
            if (command.AllOrNothing && payload.RefusedRows > 0)
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
                        var result = await mediator.Send(new RegisterCandidate.Command(row.Request), cancellationToken);
                        if (result.IsSuccess) written++;
                        else if (result.Error!.Code == "duplicate-external-reference") skipped++;
                        else failures.Add(new ImportIssue(row.Row, CandidateImportTemplate.ColumnOf(result.Error.Field ?? "ExternalReference"), "Deze rij kon niet worden opgeslagen; controleer de gemeentecodes."));
                    }
                    catch (ValidationException e)
                    {
                        failures.AddRange(e.Errors.Select(f => new ImportIssue(row.Row, CandidateImportTemplate.ColumnOf(f.PropertyName), CandidateImportTemplate.DutchMessage(f))));
                    }
                    catch (DbUpdateException)
                    {
                        // EF Core rolled back to its savepoint; what this row added is let go, the other rows stay.
                        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList()) entry.State = EntityState.Detached;
                        failures.Add(new ImportIssue(row.Row, CandidateImportTemplate.Reference, "Deze rij kon niet worden opgeslagen (is de cliëntreferentie intussen al geregistreerd?)."));
                    }
                }
                if (command.AllOrNothing && failures.Count > 0)
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
}
