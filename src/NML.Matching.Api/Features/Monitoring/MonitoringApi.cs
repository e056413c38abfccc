using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Monitoring;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/monitoring").WithTags("Monitoring").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapGetMonitoringSummary();
        group.MapGetSpreiding();
        group.MapGetSupply();
        group.MapExportMonitoring();
        return app;
    }
}
