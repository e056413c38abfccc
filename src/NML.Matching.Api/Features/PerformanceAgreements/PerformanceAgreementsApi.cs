using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class PerformanceAgreementsApi
{
    public static IEndpointRouteBuilder MapPerformanceAgreementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/performance-agreements").WithTags("Monitoring")
            .RequireAuthorization(Policies.AgreementReaders).WithCommonProblems();
        group.MapListPerformanceAgreements().ProducesForbidden();
        group.MapGetPerformanceAgreement().ProducesForbidden();
        group.MapCreatePerformanceAgreement();
        group.MapUpdatePerformanceAgreement();
        group.MapDeletePerformanceAgreement();
        return app;
    }
}
