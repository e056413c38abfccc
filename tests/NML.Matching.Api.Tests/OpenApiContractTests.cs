using System.Text.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class OpenApiContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string RefreshCommand = "UPDATE_OPENAPI_SPEC=1 dotnet test --filter FullyQualifiedName~OpenApiContractTests";

    [Fact]
    public async Task TheCheckedInSpecMatchesTheGeneratedDocument()
    {
        var generated = Normalize(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "api-spec", "openapi.json");

        var checkedIn = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : "(missing)";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SPEC") == "1")
        {
            // Writing the document is not checking it: a run with the variable set never passes, so that a CI job
            // that sets it by mistake cannot go green without comparing anything.
            await File.WriteAllTextAsync(path, generated);
            Assert.Fail(generated == checkedIn
                ? "UPDATE_OPENAPI_SPEC=1: api-spec/openapi.json was rewritten and did not change. Run the test again without UPDATE_OPENAPI_SPEC to check it."
                : "UPDATE_OPENAPI_SPEC=1: api-spec/openapi.json was updated from the generated document. Review and commit it, then run the test again without UPDATE_OPENAPI_SPEC to check it.");
        }

        Assert.True(generated == checkedIn,
            $"api-spec/openapi.json differs from the document the API generates. If the change is intended, refresh it with:\n  {RefreshCommand}\nand commit the file.");
    }

    [Fact]
    public async Task EveryOperationHasANameASummaryATagAndResponses()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Op: op.Value))).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.True(o.Op.TryGetProperty("operationId", out _), $"{o.Method} {o.Path} has no name");
            Assert.True(o.Op.TryGetProperty("summary", out _), $"{o.Method} {o.Path} has no summary");
            Assert.True(o.Op.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{o.Method} {o.Path} has no tag");
            Assert.True(o.Op.GetProperty("responses").EnumerateObject().Any(), $"{o.Method} {o.Path} has no responses");
            if (o.Path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.True(o.Op.GetProperty("responses").TryGetProperty("401", out _), $"{o.Method} {o.Path} does not document 401");
                Assert.True(o.Op.TryGetProperty("security", out _), $"{o.Method} {o.Path} does not require the API key");
            }
        });
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NML.Matching.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (NML.Matching.sln).");
    }
}
