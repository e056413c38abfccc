using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NML.Matching.Api.Features.Webhooks;

public static class WebhooksSetup
{
    /// <summary>
    /// The <c>Webhooks</c> section, the dispatcher's HTTP client (durable retries are the dispatcher's; per endpoint a
    /// timeout and a circuit breaker, Polly v8) and the dispatcher, a hosted service in every instance.
    /// </summary>
    public static WebApplicationBuilder AddMatchingWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WebhookSettings>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .AddResilienceHandler("webhook-delivery", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<WebhookSettings>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(30),
                });
            })
            .SelectPipelineByAuthority();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
