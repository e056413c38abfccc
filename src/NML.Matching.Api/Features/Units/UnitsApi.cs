using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Units;

public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/units").WithTags("Units").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapPostUnit();
        group.MapListUnits();
        group.MapGetUnit();
        group.MapUpdateUnit();
        group.MapWithdrawUnit();
        return app;
    }
}
