using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: API-key security, tags with descriptions, and no
/// host-specific servers, so that the checked-in <c>api-spec/openapi.json</c> is stable.
/// </summary>
public static class OpenApiSetup
{
    public const string SecuritySchemeName = "ApiKey";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Health", "Liveness and readiness of the service."),
        ("Regions", "Regions, their points and municipalities (reference data)."),
        ("Organisations", "Organisations that use the service, and their API keys."),
        ("Candidates", "The demand queue: people ready to leave beschermd wonen or opvang, registered by their care provider."),
        ("Units", "The supply: homes offered by corporations and care providers."),
        ("Matching", "Rankings with explained scores, and optimal matching rounds."),
        ("Matches", "Proposed pairs of a unit and a candidate, with the snapshot of why."),
        ("Tenancies", "Leases that matches led to, the omklap, and follow-ups at 3, 6 and 12 months (duurzame uitstroom)."),
        ("Monitoring", "KPIs for municipalities: queue, workflow, waiting times, spreiding, supply, performance agreements and CSV export."),
        ("Webhooks", "Event subscriptions per organisation, signed deliveries with retries, and their history."),
        ("Audit", "The append-only audit trail."),
    ];

    public static IServiceCollection AddMatchingOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            // Request bodies are records named Command or Body nested in each feature class. By that short name they would
            // all share one schema (the first one wins), so they are named after their feature: CreateOrganisationCommand.
            options.CreateSchemaReferenceId = type =>
                OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type is { IsNested: true, Name: "Command" or "Body", DeclaringType: { } feature }
                    ? feature.Name + id
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "NML.Matching API",
                    Version = "v1",
                    Description = "Transfer- en Matchingspunt: matching people ready to leave beschermd wonen or maatschappelijke opvang with suitable housing. Authenticate with the X-Api-Key header.",
                    Contact = new OpenApiContact { Name = "NML.Matching beheer", Email = "beheer@nml-matching.example" },
                    License = new OpenApiLicense { Name = "EUPL-1.2", Identifier = "EUPL-1.2" },
                };
                document.Servers = [new OpenApiServer { Url = "/", Description = "This deployment" }];
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An organisation's API key, or the admin key.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var anonymous = metadata.OfType<IAllowAnonymous>().Any();
                if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] }];
                }
                // Every body can be too large (413) or of another media type (415); both answer with a problem, as 401 does.
                if (operation.RequestBody is not null && operation.Responses is { } responses
                    && responses.TryGetValue("401", out var unauthorized) && unauthorized.Content is { } problemContent)
                {
                    responses.TryAdd("413", new OpenApiResponse { Description = "Content Too Large", Content = new Dictionary<string, OpenApiMediaType>(problemContent) });
                    responses.TryAdd("415", new OpenApiResponse { Description = "Unsupported Media Type", Content = new Dictionary<string, OpenApiMediaType>(problemContent) });
                }
                // Every operation behind a key is rate limited (per key, or per IP without a valid key); health is not.
                if (operation.Responses is { } limited && limited.TryGetValue("401", out var unauthorizedResponse) && unauthorizedResponse.Content is { } limitedContent)
                {
                    limited.TryAdd("429", new OpenApiResponse
                    {
                        Description = "Too Many Requests: over the rate limit of the key, or of the client IP without a valid key. Retry-After gives the seconds to wait.",
                        Content = new Dictionary<string, OpenApiMediaType>(limitedContent),
                        Headers = new Dictionary<string, IOpenApiHeader>
                        {
                            ["Retry-After"] = new OpenApiHeader { Description = "Seconds until a request may succeed again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                        },
                    });
                }
                if (metadata.OfType<NoBodyEndpoint>().Any())
                {
                    operation.Description = (operation.Description is { Length: > 0 } text ? text + " " : "") + NoBodyEndpoint.Description;
                }
                if (metadata.OfType<IdempotentEndpoint>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "Idempotency-Key",
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Makes a retry safe: the same key with the same body replays the first response (header Idempotent-Replayed: true); with another body it answers 409 idempotency-key-reused. Kept at least 24 hours per organisation.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                    });
                }
                return Task.CompletedTask;
            });
            // A count under the small-number rule is a number, the string "<5" or the string "x" (withheld, D39).
            options.AddSchemaTransformer((schema, context, _) =>
            {
                SchemaCorrections.LeaveOutOptional(schema, context.JsonTypeInfo);
                SchemaCorrections.RequiredFromMarks(schema, context.JsonTypeInfo);
                SchemaCorrections.DescribeProblem(schema, context.JsonTypeInfo.Type);
                SchemaCorrections.RemoveNullFromEnum(schema);
                // Free JSON (an audit line's before and after, a match's snapshot): any value but null, which a nullable
                // property adds as its own oneOf branch.
                if (context.JsonTypeInfo.Type == typeof(JsonElement))
                {
                    schema.Type = JsonSchemaType.Object | JsonSchemaType.Array | JsonSchemaType.String | JsonSchemaType.Number
                        | JsonSchemaType.Integer | JsonSchemaType.Boolean;
                    schema.Items = new OpenApiSchema();
                }
                if (context.JsonTypeInfo.Type == typeof(SmallCount))
                {
                    schema.Type = null;
                    schema.OneOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
                        new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(SmallCount.HiddenText), JsonValue.Create(SmallCount.WithheldText)] },
                    ];
                }
                return Task.CompletedTask;
            });
        });
}
