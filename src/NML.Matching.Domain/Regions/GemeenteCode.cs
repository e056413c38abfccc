using System.Text.RegularExpressions;

namespace NML.Matching.Domain.Regions;

/// <summary>CBS municipality code such as <c>GM0983</c>: case-insensitive on input, upper case everywhere else.</summary>
public static partial class GemeenteCode
{
    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex Pattern();

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(Normalize(code));
}
