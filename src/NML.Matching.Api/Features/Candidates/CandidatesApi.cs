using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Candidates;

public static class CandidatesApi
{
    public static IEndpointRouteBuilder MapCandidatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/candidates").WithTags("Candidates").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapRegisterCandidate();
        group.MapListCandidates();
        group.MapGetCandidate();
        group.MapUpdateCandidate();
        group.MapParkCandidate();
        group.MapUnparkCandidate();
        group.MapWithdrawCandidate();
        return app;
    }
}
