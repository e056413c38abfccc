using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// What the transitions share on the API's side: finding the match, the version check, and loading the unit and the
/// candidate that a placement step (<see cref="Placement"/>) changes together with the match.
/// </summary>
public static class MatchWorkflow
{
    /// <summary>The match if the caller may see it (404 otherwise), with an optional If-Match check (412 when no tag matches, as for every other resource).</summary>
    public static async Task<Result<Match>> FindForTransitionAsync(this MatchingDbContext db, Caller caller, Guid id, string? ifMatch, CancellationToken cancellationToken)
    {
        var match = await db.Matches.VisibleTo(caller).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (match is null) return Error.NotFound("Match");
        var parsed = ETags.ParseIfMatch(ifMatch);
        if (!parsed.IsSuccess) return parsed.Error!;
        if (parsed.Value is { } condition && !condition.Matches(match.Version))
            return new Error(ErrorKind.PreconditionFailed, "precondition-failed", $"The match changed since you read it; it is now {match.Status}. Read it again.");
        return match;
    }

    /// <summary>The match's unit and candidate, tracked, so that one save stores the step on all three.</summary>
    public static async Task<(HousingUnit Unit, Candidate Candidate)> PartiesOfAsync(this MatchingDbContext db, Match match, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstAsync(u => u.Id == match.UnitId, cancellationToken);
        var candidate = await db.Candidates.FirstAsync(c => c.Id == match.CandidateId, cancellationToken);
        return (unit, candidate);
    }
}
