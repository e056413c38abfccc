using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Imports;

/// <summary>
/// A corporation (whoever may offer units, <see cref="Policies.UnitPosters"/>) uploads its units (issue 14): every row
/// is read (<see cref="UnitImportTemplate"/>) and checked with the units register's own rules
/// (<see cref="UnitRequest.Validator"/>, the gemeente as <see cref="UnitAccess.CheckUnitGemeenteAsync"/> checks it:
/// known and in the werkgebied; the reference unique per owner), by the steps every import shares
/// (<see cref="SpreadsheetImport"/>). Nothing is written until <see cref="ConfirmUnitImport"/>.
/// </summary>
public static class PreviewUnitImport
{
    public sealed record Query(string FileName, byte[] Content) : IQuery<Result<ImportPreview>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, ImportToken tokens, TimeProvider clock) : IQueryHandler<Query, Result<ImportPreview>>
    {
        public async ValueTask<Result<ImportPreview>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckUnitImport(caller.Caller) is { } forbidden) return forbidden;
            var owner = caller.Caller.OrganisationId!.Value;
            // One check per gemeente, not per row: a file of 5,000 units names a handful of municipalities.
            var gemeenten = new Dictionary<string, Error?>(StringComparer.Ordinal);
            return await SpreadsheetImport.PreviewAsync(UnitImportTemplate.Definition, query.FileName, query.Content, owner,
                async (references, ct) => await db.Units.AsNoTracking()
                    .Where(u => u.OwnerOrganisationId == owner && references.Contains(u.Reference))
                    .Select(u => u.Reference).ToListAsync(ct),
                async (row, request, ct) =>
                {
                    var code = GemeenteCode.Normalize(request.GemeenteCode!);
                    if (!gemeenten.TryGetValue(code, out var error))
                        gemeenten[code] = error = (await db.CheckUnitGemeenteAsync(owner, code, ct)).Error;
                    return error switch
                    {
                        null => null,
                        { Code: "gemeente-outside-werkgebied" } => new ImportIssue(row, UnitImportTemplate.Gemeente, $"Gemeente {code} ligt niet in het werkgebied van uw organisatie."),
                        _ => new ImportIssue(row, UnitImportTemplate.Gemeente, $"Er is geen gemeente met code {code}."),
                    };
                },
                tokens, clock, cancellationToken);
        }
    }
}

/// <summary>
/// Writes the rows of a units preview after the person confirmed: each through <see cref="PostUnit"/>, the same
/// operation as POST /api/v1/units (validation, werkgebied, audit record), all in one transaction, or none with
/// "alles of niets". A reference the owner has already is skipped (D51), so the same file twice adds nothing.
/// </summary>
public static class ConfirmUnitImport
{
    public sealed record Command(string? Token, bool AllOrNothing) : ICommand<Result<ImportOutcome>>;

    public sealed class Handler(MatchingDbContext db, IMediator mediator, ICallerAccessor caller, ImportToken tokens, TimeProvider clock)
        : ICommandHandler<Command, Result<ImportOutcome>>
    {
        public async ValueTask<Result<ImportOutcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckUnitImport(caller.Caller) is { } forbidden) return forbidden;
            return await SpreadsheetImport.ConfirmAsync(db, tokens, clock, caller.Caller.OrganisationId!.Value, command.Token, command.AllOrNothing,
                UnitImportTemplate.Definition,
                async (row, ct) =>
                {
                    var result = await mediator.Send(new PostUnit.Command(row.Request), ct);
                    if (result.IsSuccess) return SpreadsheetImport.RowWrite.Done;
                    if (result.Error!.Code == "duplicate-reference") return SpreadsheetImport.RowWrite.Duplicate;
                    return SpreadsheetImport.RowWrite.Failed(new ImportIssue(row.Row, UnitImportTemplate.Gemeente,
                        "Deze rij kon niet worden opgeslagen; controleer de gemeente (bestaat zij en ligt zij in uw werkgebied?)."));
                },
                cancellationToken);
        }
    }
}
