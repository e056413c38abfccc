using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Demo;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Features.Retention;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Features.Webhooks;
using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Health;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.Idempotency;
using NML.Matching.Api.Infrastructure.Privacy;
using NML.Matching.Api.Infrastructure.Security;
using NML.Matching.Api.Infrastructure.Json;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Startup;
using NML.Matching.Api.Infrastructure.Telemetry;
using NML.Matching.Api.Infrastructure.Validation;
using NML.Matching.Api.Infrastructure.Web;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;

if (args.Contains("--healthcheck")) return await ContainerHealthCheck.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

// Configuration: NML_ADMIN_KEY is the documented environment name of Auth:AdminApiKey.
if (Environment.GetEnvironmentVariable("NML_ADMIN_KEY") is { Length: > 0 } adminKey) builder.Configuration["Auth:AdminApiKey"] = adminKey;

// Logging: structured JSON on the console outside Development.
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        o.IncludeScopes = true; // carries TraceId, so a problem's traceId can be found in the log
    });
}
builder.AddMatchingTelemetry();

// Time: one clock for everything, replaceable in tests.
builder.Services.AddSingleton(TimeProvider.System);

// Persistence: PostgreSQL through EF Core, retrying transient failures.
var connectionString = ConnectionStrings.WithPoolDefaults(builder.Configuration.GetConnectionString("Matching")
    ?? throw new InvalidOperationException("ConnectionStrings:Matching is not configured."));
builder.Services.Configure<KeyCacheSettings>(builder.Configuration.GetSection(KeyCacheSettings.Section));
builder.Services.AddSingleton<VerifiedKeyCache>();
builder.Services.AddSingleton<KeyCacheInvalidator>();
builder.Services.AddDbContext<MatchingDbContext>((services, options) => options
    .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null))
    .UseSnakeCaseNamingConvention()
    .AddInterceptors(services.GetRequiredService<KeyCacheInvalidator>()));
builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
builder.Services.AddScoped<ReferenceDataLoader>();
builder.Services.AddScoped<DemoData>();
builder.Services.Configure<MatchingSettings>(builder.Configuration.GetSection("Matching"));
builder.Services.AddScoped<MatchingInputLoader>();
builder.Services.AddSingleton<RegisterPools>();
builder.Services.Configure<WorkflowSettings>(builder.Configuration.GetSection("Workflow"));
// The placement steps of the domain; match snapshots are stored as JSON like everything else.
builder.Services.AddSingleton(new Placement(snapshot => StoredJson.Serialize(snapshot)));
builder.Services.AddSingleton<MatchDeadlineService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchDeadlineService>());

// Webhooks: durable retries in the dispatcher; per endpoint a timeout and a circuit breaker (Polly v8).
builder.Services.Configure<WebhookSettings>(builder.Configuration.GetSection("Webhooks"));
builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
    .AddResilienceHandler("webhook-delivery", (pipeline, context) =>
    {
        var settings = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookSettings>>().Value;
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
builder.Services.Configure<RetentionSettings>(builder.Configuration.GetSection(RetentionSettings.Section));
builder.Services.AddSingleton<CandidateRetentionService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CandidateRetentionService>());
builder.Services.AddSingleton<WebhookDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());

// Handlers and validation.
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
JsonFieldNames.UseForFluentValidation();

// JSON: camelCase, enums as strings, unknown properties refused.
builder.Services.Configure<JsonOptions>(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    options.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    options.SerializerOptions.MaxDepth = builder.Configuration.GetValue(RequestLimitsSettings.Section + ":MaxJsonDepth", new RequestLimitsSettings().MaxJsonDepth);
});

// Abuse limits: request sizes, rate limits per key and per IP, security headers, HSTS, CORS only when configured.
builder.Services.Configure<RequestLimitsSettings>(builder.Configuration.GetSection(RequestLimitsSettings.Section));
builder.Services.AddMatchingRateLimiting(builder.Configuration);
builder.Services.AddHsts(options =>
{
    options.MaxAge = TimeSpan.FromDays(365);
    options.IncludeSubDomains = true;
});
// Behind a load balancer: trust X-Forwarded-For/-Proto from the configured proxies only (rate limits per client IP, HSTS).
var knownProxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Clear();
    options.KnownProxies.Clear();
    foreach (var proxy in knownProxies) options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
});
var corsOrigins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
if (corsOrigins.Length > 0)
{
    builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
        .WithOrigins(corsOrigins)
        .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
        .WithHeaders(ApiKeyAuthenticationHandler.HeaderName, "Content-Type", "If-Match", "Idempotency-Key")
        .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed")
        .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

// Errors: RFC 9457 problem details everywhere.
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    var problem = context.ProblemDetails;
    var status = problem.Status ?? context.HttpContext.Response.StatusCode;
    if (!problem.Extensions.ContainsKey("code"))
    {
        var code = ProblemTypes.CodeFor(status);
        problem.Extensions["code"] = code;
        problem.Type = ProblemTypes.TypeFor(code);
        problem.Title = ProblemTypes.TitleFor(status);
    }
    problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
});
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

// Authentication: X-Api-Key; roles follow the organisation type.
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICallerAccessor, HttpCallerAccessor>();
builder.Services.AddSingleton<ApiKeyUsageTracker>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
        options => options.AdminApiKey = builder.Configuration["Auth:AdminApiKey"]);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Roles.Admin))
    .AddPolicy(Policies.AnyCaller, policy => policy.RequireAuthenticatedUser())
    .AddPolicy(Policies.CandidateWriters, policy => policy.RequireRole(Roles.Zorgaanbieder, Roles.Admin))
    .AddPolicy(Policies.CandidateRegistrars, policy => policy.RequireRole(Roles.Zorgaanbieder))
    .AddPolicy(Policies.UnitWriters, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Admin))
    .AddPolicy(Policies.UnitPosters, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder))
    .AddPolicy(Policies.MatchParties, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
    .AddPolicy(Policies.Subscribers, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Gemeente, Roles.Matchingspunt))
    .AddPolicy(Policies.RoundRunners, policy => policy.RequireRole(Roles.Matchingspunt, Roles.Admin))
    .AddPolicy(Policies.UnitRankers, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
    .AddPolicy(Policies.CandidateRankers, policy => policy.RequireRole(Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
    .AddPolicy(Policies.AgreementReaders, policy => policy.RequireRole(Roles.Corporatie, Roles.Gemeente, Roles.Matchingspunt, Roles.Admin))
    .AddPolicy(Policies.AgreementWriters, policy => policy.RequireRole(Roles.Gemeente, Roles.Matchingspunt));

builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
builder.Services.AddHostedService<IdempotencyCleanupService>();

builder.Services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
builder.Services.AddMatchingOpenApi();

var app = builder.Build();

if (knownProxies.Length > 0) app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (corsOrigins.Length > 0) app.UseCors();
app.UseMiddleware<RequestLimitsMiddleware>();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<AdminAuditMiddleware>();
app.UseMiddleware<BsnGuardMiddleware>();
app.UseMiddleware<IdempotencyMiddleware>();
app.UseMiddleware<EnumQueryMiddleware>();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "NML.Matching API v1");
    options.RoutePrefix = "swagger";
    options.DocumentTitle = "NML.Matching API";
});
app.MapHealth();
app.MapRegionsApi();
app.MapOrganisationsApi();
app.MapGetCurrentCaller();
app.MapCandidatesApi();
app.MapUnitsApi();
app.MapMatchingApi();
app.MapMatchesApi();
app.MapTenanciesApi();
app.MapPerformanceAgreementsApi();
app.MapMonitoringApi();
app.MapWebhooksApi();
app.MapAuditApi();
app.MapDashboard();

await DatabaseInitializer.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;

/// <summary>The API host; public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
