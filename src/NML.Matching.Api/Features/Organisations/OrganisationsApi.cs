using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Organisations;

public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/organisations").WithTags("Organisations").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapCreateOrganisation();
        group.MapListOrganisations();
        group.MapGetOrganisation();
        group.MapUpdateOrganisation();
        group.MapIssueApiKey();
        group.MapListApiKeys();
        group.MapRevokeApiKey();
        group.MapRotateApiKey();
        return app;
    }
}
