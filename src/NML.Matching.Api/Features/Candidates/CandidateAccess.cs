using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

/// <summary>
/// Who sees which candidates: the provider its own, a Gemeente those from its municipality, the
/// Matchingspunt those of its region, Admin all, a corporation none. Anything else answers 404.
/// </summary>
public static class CandidateAccess
{
    public static IQueryable<Candidate> VisibleTo(this IQueryable<Candidate> candidates, Caller caller) => caller.Role switch
    {
        Roles.Admin => candidates,
        Roles.Zorgaanbieder => candidates.Where(c => c.ProviderOrganisationId == caller.OrganisationId),
        Roles.Gemeente => candidates.Where(c => c.HerkomstGemeenteCode == caller.GemeenteCode),
        Roles.Matchingspunt => candidates.Where(c => c.RegionCode == caller.RegionCode),
        _ => candidates.Where(_ => false),
    };

    /// <summary>
    /// Whether the caller may see which candidate a match or tenancy is about (its id and full profile): Admin, the
    /// Matchingspunt, the candidate's care provider and the municipality it comes from. A unit's owner sees a minimised
    /// profile, others nothing about the person.
    /// </summary>
    public static bool SeesCandidateOf(Caller caller, Guid providerOrganisationId, string herkomstGemeenteCode) =>
        caller.IsAdmin || caller.Is(Roles.Matchingspunt) || caller.OrganisationId == providerOrganisationId
        || (caller.Is(Roles.Gemeente) && caller.GemeenteCode == herkomstGemeenteCode);

    /// <summary>
    /// Admin and the Matchingspunt see every candidate they can reach in full: in rankings (others, a unit's owner, see
    /// minimised profiles) and in matches, which they may also filter by candidate.
    /// </summary>
    public static bool SeesEveryCandidateInFull(Caller caller) => caller.IsAdmin || caller.Is(Roles.Matchingspunt);

    /// <summary>A candidate whose units the caller may rank: its care provider's, its region's for the Matchingspunt, any for Admin; 404 otherwise.</summary>
    public static async Task<Result<Candidate>> FindForRankingAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var allowed = candidate is not null && (caller.IsAdmin || candidate.ProviderOrganisationId == caller.OrganisationId
            || (caller.Is(Roles.Matchingspunt) && candidate.RegionCode == caller.RegionCode));
        return allowed ? candidate! : Error.NotFound("Candidate");
    }

    /// <summary>A candidate the Matchingspunt (or Admin) may propose by hand: one of its region; 404 otherwise.</summary>
    public static async Task<Result<Candidate>> FindForProposalAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return candidate is null || !(caller.IsAdmin || candidate.RegionCode == caller.RegionCode) ? Error.NotFound("Candidate") : candidate;
    }

    /// <summary>A candidate the caller may change: its provider's, or any for Admin.</summary>
    public static async Task<Result<Candidate>> FindForWriteAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (candidate is null || !(caller.IsAdmin || candidate.ProviderOrganisationId == caller.OrganisationId)) return Error.NotFound("Candidate");
        return candidate;
    }

    /// <summary>
    /// The shape of every change to a candidate: find it for writing (404), check If-Match (428/412), let
    /// <paramref name="change"/> check more and change it (an error stops it), audit the state before and after
    /// in the same unit of work, save, and return the new state.
    /// </summary>
    public static async Task<Result<CandidateDto>> ChangeCandidateAsync(
        this MatchingDbContext db, Caller caller, TimeProvider clock, Guid id, string? ifMatch, bool ifMatchRequired, string action,
        Func<Candidate, DateOnly, DateTimeOffset, Task<Error?>> change, CancellationToken cancellationToken)
    {
        var found = await db.FindForWriteAsync(caller, id, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var candidate = found.Value!;
        if (ETags.Check(ifMatch, candidate.Version, ifMatchRequired) is { } precondition) return precondition;
        var today = RegionalDate.Today(clock);
        var now = clock.GetUtcNow();
        var before = CandidateDto.From(candidate, today);
        if (await change(candidate, today, now) is { } error) return error;
        db.Record(now, caller.AsActor(), action, "candidate", candidate.Id.ToString(), before, CandidateDto.From(candidate, today));
        await db.SaveChangesAsync(cancellationToken);
        return CandidateDto.From(candidate, today);
    }

    /// <summary>Checks that every named municipality exists, and returns the region of the herkomstgemeente.</summary>
    public static async Task<Result<string>> CheckGemeentenAsync(this MatchingDbContext db, CandidateRequest request, CancellationToken cancellationToken)
    {
        var references = request.GemeenteReferences().ToList();
        var codes = references.Select(r => GemeenteCode.Normalize(r.Code)).Distinct().ToList();
        var known = await db.Gemeenten.AsNoTracking().Where(g => codes.Contains(g.Code)).ToDictionaryAsync(g => g.Code, g => g.RegionCode, cancellationToken);
        foreach (var (field, code) in references)
        {
            if (!known.ContainsKey(GemeenteCode.Normalize(code))) return Error.Invalid(field, "unknown-gemeente", $"There is no gemeente '{code}'.");
        }
        return known[GemeenteCode.Normalize(request.HerkomstGemeenteCode!)];
    }
}
