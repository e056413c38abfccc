using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Portal.Pages.Monitoring;

/// <summary>
/// The monitoring page's companions outside the page itself: the CSV and Excel download for the signed-in person and the old
/// address of the dashboard.
/// </summary>
public static class MonitoringEndpoints
{
    public const string PagePath = "/monitoring";
    public const string ExportPath = "/monitoring/export";

    /// <summary>The old dashboard's address (it took a pasted API key); now a link to the monitoring page.</summary>
    public const string DashboardPath = "/dashboard";

    public static IEndpointRouteBuilder MapMonitoringPortal(this IEndpointRouteBuilder app)
    {
        // The same ExportMonitoring request as GET /api/v1/monitoring/export, for the person's own Caller (their
        // organisation's role, region and municipality): the same checks, the same numbers, the same file. A refusal
        // is its bare status, which the portal's status pages answer in Dutch.
        app.MapGet(ExportPath, async (IMediator mediator, HttpContext http, CancellationToken cancellationToken, string? report = null,
                string? format = null, string? dialect = null, string? regionCode = null, string? point = null, string? gemeente = null, string? from = null, string? to = null) =>
            {
                Result<CsvFile> result;
                try
                {
                    result = await mediator.Send(new ExportMonitoring.Query(Blank(report), Blank(format) ?? "csv", Blank(dialect), Blank(regionCode), Blank(point),
                        Blank(gemeente), Blank(from), Blank(to)), cancellationToken);
                }
                catch (ValidationException)
                {
                    return Results.StatusCode(StatusCodes.Status400BadRequest);
                }
                if (!result.IsSuccess)
                    return Results.StatusCode(result.Error!.Kind switch
                    {
                        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                        ErrorKind.NotFound => StatusCodes.Status404NotFound,
                        _ => StatusCodes.Status400BadRequest,
                    });
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

        // "/dashboard" and "/dashboard/" (the route matches both): a 302 to the page, with the query string.
        app.MapMethods(DashboardPath, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
                Results.Redirect($"{http.Request.PathBase}{PagePath}{http.Request.QueryString}"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        // The old page's files are gone: the portal's 404 page (an endpoint of its own, so that authorization has run
        // when the status page re-executes).
        app.MapMethods(DashboardPath + "/{**file}", [HttpMethods.Get, HttpMethods.Head], () => Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>An empty query value is none, as on the page.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
