using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Auth;

namespace NML.Matching.Api.Features.Regions;

public static class RegionsApi
{
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var regions = app.MapGroup("/regions").WithTags("Regions").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        regions.MapListRegions();
        regions.MapGetRegion();

        var gemeenten = app.MapGroup("/gemeenten").WithTags("Regions").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        gemeenten.MapListGemeenten();
        gemeenten.MapGetGemeente();
        return app;
    }
}
