using Mediator;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Monitoring;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/monitoring").WithTags("Monitoring").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapGetMonitoringSummary();
        group.MapGetSpreiding();
        group.MapGetSupply();
        group.MapExportMonitoring();
        return app;
    }

    /// <summary>A report endpoint: the shared filters from the query string, the query through the mediator, 200 or a problem.</summary>
    internal static RouteHandlerBuilder MapReport<TDto>(this IEndpointRouteBuilder group, string path,
        Func<string?, string?, string?, string?, string?, IQuery<Result<TDto>>> query) =>
        group.MapGet(path, async (IMediator mediator, CancellationToken cancellationToken, string? regionCode = null, string? point = null,
                string? gemeente = null, string? from = null, string? to = null) =>
                (await mediator.Send(query(regionCode, point, gemeente, from, to), cancellationToken)).ToHttp(TypedResults.Ok));
}
