using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Imports;

/// <summary>
/// A care provider uploads its waiting list (issue 14): every row is read (<see cref="CandidateImportTemplate"/>) and
/// checked with the register's own rules (<see cref="CandidateRequest.Validator"/>, the municipalities as
/// <see cref="CandidateAccess.CheckGemeentenAsync"/> checks them, the cliëntreferentie unique per provider), by the
/// steps every import shares (<see cref="SpreadsheetImport"/>). Nothing is written: the valid new rows go into the
/// <see cref="ImportToken"/> for <see cref="ConfirmCandidateImport"/>.
/// </summary>
public static class PreviewCandidateImport
{
    public const string FileField = SpreadsheetImport.FileField;

    public sealed record Query(string FileName, byte[] Content) : IQuery<Result<ImportPreview>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, ImportToken tokens, TimeProvider clock) : IQueryHandler<Query, Result<ImportPreview>>
    {
        public async ValueTask<Result<ImportPreview>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (ImportAccess.CheckCandidateImport(caller.Caller) is { } forbidden) return forbidden;
            var provider = caller.Caller.OrganisationId!.Value;
            return await SpreadsheetImport.PreviewAsync(CandidateImportTemplate.Definition, query.FileName, query.Content, provider,
                async (references, ct) => await db.Candidates.AsNoTracking()
                    .Where(c => c.ProviderOrganisationId == provider && references.Contains(c.ExternalReference))
                    .Select(c => c.ExternalReference).ToListAsync(ct),
                async (row, request, ct) =>
                {
                    if (await db.CheckGemeentenAsync(request, ct) is not { IsSuccess: false, Error: { } unknown }) return null;
                    var code = request.GemeenteReferences().FirstOrDefault(r => r.Field == unknown.Field).Code;
                    return new ImportIssue(row, CandidateImportTemplate.ColumnOf(unknown.Field ?? string.Empty), $"Er is geen gemeente met code {code}.");
                },
                tokens, clock, cancellationToken);
        }
    }
}
