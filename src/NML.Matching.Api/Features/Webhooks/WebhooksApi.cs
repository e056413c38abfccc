using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;

namespace NML.Matching.Api.Features.Webhooks;

public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.AnyCaller).WithCommonProblems();
        group.MapCreateWebhook();
        group.MapListWebhooks();
        group.MapDeleteWebhook();
        group.MapListDeliveries();
        group.MapRetryDelivery();
        return app;
    }
}
