namespace NML.Matching.Api.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The <c>Idempotency</c> section and the hosted service that deletes expired records.</summary>
    public static WebApplicationBuilder AddMatchingIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
        builder.Services.AddHostedService<IdempotencyCleanupService>();
        return builder;
    }
}
