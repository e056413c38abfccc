using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Matching;

public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/matching-rounds").WithTags("Matching").RequireAuthorization(Policies.RoundRunners).WithCommonProblems();
        rounds.MapRunMatchingRound();
        rounds.MapListMatchingRounds().ProducesForbidden();
        rounds.MapGetMatchingRound().ProducesForbidden();

        var units = app.MapGroup("/units").WithTags("Matching").RequireAuthorization(Policies.UnitRankers).WithCommonProblems();
        units.MapRankCandidatesForUnit().ProducesForbidden();
        var candidates = app.MapGroup("/candidates").WithTags("Matching").RequireAuthorization(Policies.CandidateRankers).WithCommonProblems();
        candidates.MapRankUnitsForCandidate().ProducesForbidden();
        return app;
    }
}
