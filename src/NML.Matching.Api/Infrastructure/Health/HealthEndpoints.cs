using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NML.Matching.Api.Infrastructure.Health;

/// <summary>The state of the service as reported by the health endpoints.</summary>
public sealed record HealthStatus(string Status, IReadOnlyList<HealthCheckEntry> Checks);

public sealed record HealthCheckEntry(string Name, string Status, string? Description);

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary><c>/health/live</c>: the process runs. <c>/health/ready</c>: database reachable and migrated. No key needed.</summary>
    public static void MapHealth(this WebApplication app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();

        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("Healthy", [])))
            .WithName("GetLiveness")
            .WithSummary("The process is up.")
            .WithDescription("Answers 200 as long as the process serves requests. It checks nothing else.");

        group.MapGet("/ready", async (HealthCheckService health, CancellationToken cancellationToken) =>
            {
                var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken);
                var body = new HealthStatus(
                    report.Status.ToString(),
                    [.. report.Entries.Select(e => new HealthCheckEntry(e.Key, e.Value.Status.ToString(), e.Value.Description))]);
                return report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? Results.Ok(body)
                    : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("GetReadiness")
            .WithSummary("The database is reachable and every migration is applied.")
            .WithDescription("Answers 200 when the service can do its work, 503 with the failing checks otherwise.")
            .Produces<HealthStatus>(StatusCodes.Status200OK)
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
    }
}
