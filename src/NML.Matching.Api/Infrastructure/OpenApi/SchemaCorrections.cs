using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace NML.Matching.Api.Infrastructure.OpenApi;

/// <summary>Corrections to the schemas that the generator derives from the types, so that they say what the API sends.</summary>
internal static class SchemaCorrections
{
    /// <summary>
    /// Problems carry the extension members <c>code</c> and <c>traceId</c> (and <c>constraint</c> for a database rule);
    /// RFC 9457 allows further extension members, so the schema does not forbid them.
    /// </summary>
    public static void DescribeProblem(OpenApiSchema schema, Type type)
    {
        if (type != typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) && type != typeof(HttpValidationProblemDetails)) return;
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The problem's code; `type` is `urn:nml-matching:problem:` followed by it." };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request, as in the server's log." };
        schema.Properties["constraint"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The database constraint that refused the change (409 duplicate and reference-conflict, 400 constraint-violation)." };
        schema.Required = new HashSet<string> { "type", "title", "status", "code", "traceId" };
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    /// <summary>A property written only when it has a value (<c>JsonIgnore(Condition = WhenWritingNull)</c>) is not required.</summary>
    public static void LeaveOutOptional(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (schema.Required is not { Count: > 0 } required || type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>().FirstOrDefault();
            if (ignore?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) required.Remove(property.Name);
        }
    }

    /// <summary>
    /// A request body (a <c>Command</c> or <c>Body</c> nested in its feature, or a <c>…Request</c> record) lists as required
    /// exactly the properties marked <c>[property: Required]</c>: those its validator refuses when absent. The generator
    /// would list every constructor parameter, so that a generated client had to send every optional field.
    /// <c>RequestSchemaTests</c> checks each mark against what the API refuses.
    /// </summary>
    public static void RequiredFromMarks(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !IsRequest(type.Type)) return;
        var required = type.Properties
            .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count > 0 ? required : null;
    }

    private static bool IsRequest(Type type) =>
        type is { IsNested: true, Name: "Command" or "Body" } || type.Name.EndsWith("Request", StringComparison.Ordinal);

    /// <summary>
    /// The generator lists null among the values of an enum that some property holds as nullable. That property is
    /// already <c>oneOf: [null, enum]</c>, so null would match both branches, and oneOf fails exactly when the value is null.
    /// </summary>
    public static void RemoveNullFromEnum(OpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null))
        {
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        }
    }
}
