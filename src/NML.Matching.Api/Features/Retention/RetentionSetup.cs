namespace NML.Matching.Api.Features.Retention;

public static class RetentionSetup
{
    /// <summary>The <c>Retention</c> section and the daily job that anonymises candidates (a hosted service).</summary>
    public static WebApplicationBuilder AddMatchingRetention(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RetentionSettings>(builder.Configuration.GetSection(RetentionSettings.Section));
        builder.Services.AddSingleton<CandidateRetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CandidateRetentionService>());
        return builder;
    }
}
