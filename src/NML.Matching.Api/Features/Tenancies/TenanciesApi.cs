using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Tenancies;

public static class TenanciesApi
{
    public static IEndpointRouteBuilder MapTenanciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tenancies").WithTags("Tenancies").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapListTenancies();
        group.MapGetTenancy();
        group.MapRecordFollowUp();
        group.MapRecordOmklap();
        return app;
    }
}
