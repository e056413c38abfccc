using System.Text.RegularExpressions;

namespace NML.Matching.Domain.Regions;

/// <summary>CBS municipality code such as <c>GM0983</c>: case-insensitive on input, upper case everywhere else.</summary>
public static partial class GemeenteCode
{
    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex Pattern();

    /// <summary>Trimmed and in upper case; null (an empty slot in a list sent by a client) becomes empty, which is not well formed.</summary>
    public static string Normalize(string? code) => code?.Trim().ToUpperInvariant() ?? string.Empty;

    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(Normalize(code));
}
