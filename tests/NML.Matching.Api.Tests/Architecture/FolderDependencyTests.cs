using System.Text.RegularExpressions;

namespace NML.Matching.Api.Tests.Architecture;

/// <summary>
/// The folders of the API project depend on each other without cycles (docs/architecture.md, "Folders and their
/// dependencies"): Persistence uses no feature, and Features/Matching and Features/Matches do not use each other;
/// and who may do what is decided in the <c>*Access</c> classes only ("Where do I add ..."). Read from the source files, so that a <c>using</c> or a fully qualified name that brings a cycle back fails here.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private const string Features = "NML.Matching.Api.Features";

    [Fact]
    public void PersistenceReferencesNoFeature()
    {
        var references = ReferencesIn("Persistence", FeatureNamespace());

        Assert.Empty(references);
    }

    [Fact]
    public void MatchingDoesNotReferenceMatches()
    {
        var references = ReferencesIn(Path.Combine("Features", "Matching"), FeatureNamespace("Matches"));

        Assert.Empty(references);
    }

    [Fact]
    public void MatchesDoesNotReferenceMatching()
    {
        var references = ReferencesIn(Path.Combine("Features", "Matches"), FeatureNamespace("Matching"));

        Assert.Empty(references);
    }

    [Fact]
    public void NoGlobalUsingBringsAFeatureIntoEveryFile()
    {
        var globalUsings = SourceFiles(".")
            .SelectMany(file => Lines(file).Where(line => GlobalUsing().IsMatch(line.Text) && line.Text.Contains(Features, StringComparison.Ordinal)))
            .Select(line => line.ToString())
            .ToList();
        var project = File.ReadAllText(Path.Combine(ApiProject(), "NML.Matching.Api.csproj"));

        Assert.Empty(globalUsings);
        Assert.DoesNotContain($"<Using Include=\"{Features}", project, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScanSeesAReferenceWhereThereIsOne()
    {
        // Positive controls: the handlers of Features/Matches use Persistence, and the Matching feature uses the
        // engine's input of Features/EngineInput. If the scan saw nothing, the tests above would pass for nothing.
        Assert.NotEmpty(ReferencesIn(Path.Combine("Features", "Matches"), new Regex(@"\bNML\.Matching\.Api\.Persistence\b")));
        Assert.NotEmpty(ReferencesIn(Path.Combine("Features", "Matching"), FeatureNamespace("EngineInput")));
    }

    [Fact]
    public void NoHandlerChecksARoleOutsideTheAccessClasses()
    {
        // The one exception decides whether to audit a request, not whether it may be made.
        var checks = ReferencesIn("Features", RoleCheck())
            .Where(line => !line.Contains("Access.cs:", StringComparison.Ordinal)
                && !line.StartsWith(Path.Combine("Features", "Audit", "AdminAuditMiddleware.cs:"), StringComparison.Ordinal))
            .ToList();

        Assert.Empty(checks);
    }

    [Fact]
    public void TheRoleScanSeesTheChecksOfTheAccessClasses()
    {
        // Positive control: the access classes do check roles, in the form the test above looks for.
        var inAccess = ReferencesIn("Features", RoleCheck()).Where(line => line.Contains("Access.cs:", StringComparison.Ordinal)).ToList();

        Assert.Contains(inAccess, line => line.Contains("CandidateAccess.cs:", StringComparison.Ordinal));
        Assert.Contains(inAccess, line => line.Contains("MonitoringAccess.cs:", StringComparison.Ordinal));
        Assert.Contains(inAccess, line => line.Contains("MatchAccess.cs:", StringComparison.Ordinal));
    }

    /// <summary>Lines of the C# files under <paramref name="folder"/> of the API project that match <paramref name="reference"/>.</summary>
    private static List<string> ReferencesIn(string folder, Regex reference)
    {
        var files = SourceFiles(folder);
        Assert.NotEmpty(files);
        return [.. files.SelectMany(Lines).Where(line => reference.IsMatch(line.Text)).Select(line => line.ToString())];
    }

    /// <summary>A feature's namespace (or any feature's) as a whole name: <c>Features.Matching</c> is not <c>Features.MatchingX</c>.</summary>
    private static Regex FeatureNamespace(string? feature = null) =>
        new(@"\b" + Regex.Escape(feature is null ? Features : Features + "." + feature) + @"\b", RegexOptions.CultureInvariant);

    private static List<string> SourceFiles(string folder)
    {
        var root = Path.Combine(ApiProject(), folder);
        return [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(ApiProject(), file)))];
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";

    private static IEnumerable<SourceLine> Lines(string file) =>
        File.ReadLines(file).Select((text, index) => new SourceLine(Path.GetRelativePath(ApiProject(), file), index + 1, text));

    private static string ApiProject() => Path.Combine(OpenApiContractTests.RepositoryRoot(), "src", "NML.Matching.Api");

    /// <summary>A role check in code: <c>Roles.X</c>, <c>IsAdmin</c>, <c>IsAdminOr(</c>, <c>.Is(</c> or <c>.Allows(</c> of a caller.</summary>
    [GeneratedRegex(@"\bRoles\.[A-Z]\w*|\bIsAdmin(Or)?\b|\.Is\(|\.Allows\(")]
    private static partial Regex RoleCheck();

    [GeneratedRegex(@"^\s*global\s+using\b")]
    private static partial Regex GlobalUsing();

    private sealed record SourceLine(string File, int Number, string Text)
    {
        public override string ToString() => $"{File}:{Number}: {Text.Trim()}";
    }
}
