using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Features.Webhooks;

namespace NML.Matching.Api.Infrastructure.Startup;

public static class ApiV1
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// The one <c>/api/v1</c> group; each feature maps its own sub-group in it. The order is the order of the paths in
    /// the OpenAPI document (api-spec/openapi.json), which OpenApiContractTests pins.
    /// </summary>
    /// <remarks>
    /// <c>GET /api/v1/me</c> is mapped on the application itself, not in the group: the endpoints mapped on the
    /// application come before every group, so the document lists it first, before <c>/health</c>, as it always has.
    /// </remarks>
    public static WebApplication MapApiV1(this WebApplication app)
    {
        app.MapGetCurrentCaller();
        var v1 = app.MapGroup(Prefix);
        v1.MapRegionsApi();
        v1.MapOrganisationsApi();
        v1.MapCandidatesApi();
        v1.MapUnitsApi();
        v1.MapMatchingApi();
        v1.MapMatchesApi();
        v1.MapTenanciesApi();
        v1.MapPerformanceAgreementsApi();
        v1.MapMonitoringApi();
        v1.MapWebhooksApi();
        v1.MapAuditApi();
        return app;
    }
}
