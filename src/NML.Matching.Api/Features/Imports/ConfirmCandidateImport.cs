using Mediator;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Imports;

/// <summary>
/// Writes the rows of a preview (<see cref="PreviewCandidateImport"/>) after the person confirmed: each through
/// <see cref="RegisterCandidate"/>, the same operation as POST /api/v1/candidates (its validation, audit record and
/// domain rules), all in one database transaction (<see cref="SpreadsheetImport.ConfirmAsync"/>). With
/// <see cref="Command.AllOrNothing"/> nothing is written when the preview refused a row or a row fails now; otherwise
/// the valid rows are written and the failures reported. A cliëntreferentie that is in the register already is skipped
/// (D51), so importing the same file again creates no duplicates.
/// </summary>
public static class ConfirmCandidateImport
{
    public const string Expired = SpreadsheetImport.Expired;

    public sealed record Command(string? Token, bool AllOrNothing) : ICommand<Result<ImportOutcome>>;

    public sealed class Handler(MatchingDbContext db, IMediator mediator, ICallerAccessor caller, ImportToken tokens, TimeProvider clock)
        : ICommandHandler<Command, Result<ImportOutcome>>
    {
        public async ValueTask<Result<ImportOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckCandidateImport(caller.Caller) is { } forbidden) return forbidden;
            return await SpreadsheetImport.ConfirmAsync(db, tokens, clock, caller.Caller.OrganisationId!.Value, command.Token, command.AllOrNothing,
                CandidateImportTemplate.Definition,
                async (row, ct) =>
                {
                    var result = await mediator.Send(new RegisterCandidate.Command(row.Request), ct);
                    if (result.IsSuccess) return SpreadsheetImport.RowWrite.Done;
                    if (result.Error!.Code == "duplicate-external-reference") return SpreadsheetImport.RowWrite.Duplicate;
                    return SpreadsheetImport.RowWrite.Failed(new ImportIssue(row.Row, CandidateImportTemplate.ColumnOf(result.Error.Field ?? "ExternalReference"),
                        "Deze rij kon niet worden opgeslagen; controleer de gemeentecodes."));
                },
                cancellationToken);
        }
    }
}
