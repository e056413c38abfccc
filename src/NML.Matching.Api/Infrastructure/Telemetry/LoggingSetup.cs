namespace NML.Matching.Api.Infrastructure.Telemetry;

public static class LoggingSetup
{
    /// <summary>
    /// Structured JSON on the console outside Development (with scopes, which carry the TraceId, so that a problem's
    /// <c>traceId</c> can be found in the log), then traces and metrics (<see cref="TelemetrySetup.AddMatchingTelemetry"/>).
    /// </summary>
    public static WebApplicationBuilder AddMatchingLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = true;
            });
        }
        return builder.AddMatchingTelemetry();
    }
}
