using System.Text.RegularExpressions;

namespace NML.Matching.Domain.Units;

/// <summary>A Dutch postcode: four digits (not starting with 0) and two letters, normalised to <c>1234 AB</c>.</summary>
public static partial class Postcode
{
    [GeneratedRegex("^([1-9][0-9]{3}) ?([A-Za-z]{2})$")]
    private static partial Regex Pattern();

    public static string? Normalize(string? postcode)
    {
        if (postcode is null) return null;
        var match = Pattern().Match(postcode.Trim());
        if (!match.Success) return null;
        var letters = match.Groups[2].Value.ToUpperInvariant();
        // SA, SD and SS are not issued.
        return letters is "SA" or "SD" or "SS" ? null : $"{match.Groups[1].Value} {letters}";
    }
}
