using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Matches;

public static class MatchesApi
{
    public static IEndpointRouteBuilder MapMatchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/matches").WithTags("Matches").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapProposeMatch();
        group.MapListMatches();
        group.MapListDeclineReasons();
        group.MapGetMatch();
        group.MapGetMatchHistory();
        group.MapNominateMatch();
        group.MapAcceptMatch();
        group.MapContractMatch();
        group.MapDeclineMatch();
        group.MapWithdrawMatch();
        return app;
    }
}
