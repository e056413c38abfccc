using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Retention;
using NML.Matching.Api.Features.Webhooks;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Auth.Sso;
using NML.Matching.Api.Infrastructure.Email;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Health;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.Idempotency;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Privacy;
using NML.Matching.Api.Infrastructure.Security;
using NML.Matching.Api.Infrastructure.Startup;
using NML.Matching.Api.Infrastructure.Telemetry;
using NML.Matching.Api.Infrastructure.Validation;
using NML.Matching.Api.Portal;

if (args.Contains("--healthcheck")) return await ContainerHealthCheck.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

// Services: each line registers one area, in a file next to what it registers (docs/architecture.md, Start-up).
builder.AddMatchingLogging();                       // JSON console outside Development; OpenTelemetry when configured
builder.Services.AddSingleton(TimeProvider.System); // one clock for everything, replaceable in tests
builder.AddMatchingPersistence();                   // PostgreSQL through EF Core, the key cache, reference and demo data
builder.AddMatchingEngineInput();                   // the Matching section, the engine's input, the register pools
builder.AddMatchingWorkflow();                      // the Workflow section, Placement, the deadline service
builder.AddMatchingRetention();                     // the AVG job that anonymises candidates
builder.AddMatchingWebhooks();                      // the dispatcher and its resilient HTTP client
builder.AddMatchingEmail();                         // the e-mail outbox: the Mailbox and its SMTP sender
builder.AddMatchingHandlers();                      // the mediator with its validation behaviour, the validators
builder.AddMatchingHttp();                          // JSON, request limits, rate limits, HSTS, proxies, CORS
builder.AddMatchingProblemDetails();                // RFC 9457 problem details everywhere
builder.AddMatchingAuth();                          // X-Api-Key for systems, the cookie for people, and the policies
builder.AddMatchingPeople();                        // Identity's people, their sign-in rule and their claims
builder.AddMatchingSso();                           // an OpenID Connect scheme per organisation's provider (Auth:Sso:Providers)
builder.AddMatchingIdempotency();                   // Idempotency-Key records and their cleanup
builder.AddMatchingHealth();
builder.Services.AddMatchingOpenApi();
builder.AddMatchingPortal();                        // the people's portal: static server-rendered Razor components

var app = builder.Build();

// The pipeline: the order matters (docs/architecture.md, Start-up).
app.UseMatchingForwardedHeaders();                  // only with configured proxies
app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMatchingPortalStatusPages();                 // portal paths: the Dutch status and error pages instead
app.UseMatchingCors();                              // only with configured origins
app.UseMiddleware<RequestLimitsMiddleware>();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<SecondFactorEnrolmentMiddleware>(); // a person without a second factor may only set one up
app.UseMiddleware<AdminAuditMiddleware>();
app.UseMiddleware<BsnGuardMiddleware>();
app.UseMiddleware<IdempotencyMiddleware>();
app.UseMiddleware<EnumQueryMiddleware>();

// Endpoints, in the order of the OpenAPI document.
app.MapMatchingOpenApi();                           // /openapi/v1.json and /swagger
app.MapHealth();                                    // /health/live and /health/ready
app.MapApiV1();                                     // the /api/v1 group: every feature maps its sub-group
app.MapMatchingPortal();                            // / and every path above not taken: its status pages, static files, pages

await DatabaseInitializer.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;

/// <summary>The API host; public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
