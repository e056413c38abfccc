using System.Text.RegularExpressions;

namespace NML.Matching.Domain.Registers;

/// <summary>
/// Recognises Dutch citizen service numbers (BSN) so that none is stored by accident: nine digits that
/// pass the eleven-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not zero).
/// </summary>
public static partial class Bsn
{
    public static bool PassesElevenTest(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9) return false;
            sum += i < 8 ? d * (9 - i) : -d;
        }
        return sum != 0 && sum % 11 == 0 && digits[..8].ContainsAnyExcept('0');
    }

    /// <summary>
    /// True when the text holds a nine-digit number that passes the test: a run of exactly nine digits, or nine
    /// digits written in the usual groups (1234.56.782, 123 456 782, 123-456-782), not part of a longer number.
    /// Any nine-digit number counts, so an international mobile number (+31 612345671) can be refused too.
    /// </summary>
    public static bool ContainsLikelyBsn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        Span<char> digits = stackalloc char[9];
        foreach (Match match in Candidates().Matches(text))
        {
            var count = 0;
            foreach (var c in match.ValueSpan)
            {
                if (char.IsAsciiDigit(c)) digits[count++] = c;
            }
            if (count == 9 && PassesElevenTest(digits)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"(?<!\d)\d{9}(?!\d)|(?<!\d[.\- ]?)(?:\d{4}[.\- ]\d{2}[.\- ]\d{3}|\d{3}[.\- ]\d{3}[.\- ]\d{3})(?![.\- ]?\d)")]
    private static partial Regex Candidates();
}
