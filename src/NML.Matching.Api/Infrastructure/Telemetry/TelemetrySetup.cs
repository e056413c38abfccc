using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NML.Matching.Api.Infrastructure.Telemetry;

public static class TelemetrySetup
{
    /// <summary>
    /// Traces and metrics for ASP.NET Core, HttpClient and Npgsql (and the logs, through the same exporter).
    /// They are exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise nothing is
    /// collected or sent.
    /// </summary>
    public static WebApplicationBuilder AddMatchingTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("nml-matching-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql"))
            .UseOtlpExporter();
        return builder;
    }
}
