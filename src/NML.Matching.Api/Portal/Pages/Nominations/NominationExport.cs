using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Nominations;

/// <summary>
/// Voordrachten as Excel and CSV (<see cref="ListExport"/>): the page's status filter, every page, the columns of the
/// page. The household is there only from the nomination on, as the handler shows it; no client data beyond that.
/// </summary>
public static class NominationExport
{
    public const string Path = "/voordrachten/export";

    public static readonly string[] Header = ["Woning", "Gemeente", "Huishouden", "Score", "Reageren vóór", "Status", "Aangemaakt op"];

    public static IEndpointRouteBuilder MapNominationExport(this IEndpointRouteBuilder app)
    {
        app.MapListExport(Path, "voordrachten", "Voordrachten", async (query, _, mediator, _, cancellationToken) =>
        {
            var status = query.Enum<MatchStatus>("status");
            var matches = await ListExport.AllAsync((page, size) => mediator.Send(new ListMatches.Query(status, null, null, null, null, null, page, size), cancellationToken));
            var references = new Dictionary<Guid, string?>();
            var table = new CsvTable(Header);
            foreach (var m in matches)
            {
                if (!references.TryGetValue(m.UnitId, out var reference))
                    references[m.UnitId] = reference = (await mediator.Send(new GetUnit.Query(m.UnitId), cancellationToken)).Value?.Reference;
                table.Add(reference, m.UnitGemeenteCode, m.Candidate is { } c ? NominationWords.Household(c.Household) : null, Math.Round(m.Score, 1),
                    m.DueAt is { } due && m.Status is MatchStatus.Nominated or MatchStatus.Accepted ? RegionalDate.DateOf(due) : null,
                    NominationWords.Status(m.Status), RegionalDate.DateOf(m.CreatedAt));
            }
            return table;
        });
        return app;
    }
}
