using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matches;

/// <summary>Response deadlines of the match workflow (<c>Workflow</c> in configuration).</summary>
public sealed class WorkflowSettings
{
    /// <summary>Proposed → nominated within this many working days.</summary>
    public int NominateWithinWorkingDays { get; set; } = 5;

    /// <summary>Nominated → the owner answers within this many working days.</summary>
    public int AnswerWithinWorkingDays { get; set; } = 10;

    /// <summary>Accepted → the lease is signed within this many calendar days.</summary>
    public int ContractWithinDays { get; set; } = 30;

    /// <summary>How often the deadline service looks for overdue matches.</summary>
    public int ExpiryIntervalSeconds { get; set; } = 60;

    /// <summary>Public holidays that do not count as working days (dates).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public WorkingDays Calendar() => new(Holidays);
}

/// <summary>What every transition shares: finding the match, the version check, and the effects on unit and candidate.</summary>
public static class MatchWorkflow
{
    /// <summary>The match if the caller may see it (404 otherwise), with an optional If-Match check (409 when stale).</summary>
    public static async Task<Result<Match>> FindForTransitionAsync(this MatchingDbContext db, Caller caller, Guid id, string? ifMatch, CancellationToken cancellationToken)
    {
        var match = await db.Matches.VisibleTo(caller).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (match is null) return Error.NotFound("Match");
        var parsed = ETags.ParseIfMatch(ifMatch);
        if (!parsed.IsSuccess) return parsed.Error!;
        if (parsed.Value is { } expected && expected != match.Version)
            return Error.Conflict("stale-match", $"The match changed since you read it; it is now {match.Status}. Read it again.");
        return match;
    }

    /// <summary>
    /// After a decline, expiry or withdrawal: the unit is Available again and the candidate back in the queue,
    /// parked for <paramref name="parkDays"/> days when that is more than zero.
    /// </summary>
    public static async Task ReleaseAsync(this MatchingDbContext db, Match match, int parkDays, string reason, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstAsync(u => u.Id == match.UnitId, cancellationToken);
        var candidate = await db.Candidates.FirstAsync(c => c.Id == match.CandidateId, cancellationToken);
        if (unit.Status == UnitStatus.Reserved) unit.Release(now);
        if (candidate.Placement == CandidatePlacement.Matched)
            candidate.ReleaseFromMatch(parkDays > 0 ? today.AddDays(parkDays) : null, parkDays > 0 ? reason : null, now);
    }
}
