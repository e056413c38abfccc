namespace NML.Matching.Domain.Registers;

/// <summary>
/// Recognises Dutch citizen service numbers (BSN) so that none is stored by accident: nine digits that
/// pass the eleven-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not zero).
/// </summary>
public static class Bsn
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

    /// <summary>True when the text holds a run of exactly nine digits (dots, spaces or dashes between groups allowed) that passes the test.</summary>
    public static bool ContainsLikelyBsn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        Span<char> digits = stackalloc char[9];
        for (var start = 0; start < text.Length; start++)
        {
            if (!char.IsAsciiDigit(text[start]) || ContinuesADigitRun(text, start)) continue;
            var count = 0;
            var i = start;
            while (i < text.Length && count <= 9)
            {
                var c = text[i];
                if (char.IsAsciiDigit(c))
                {
                    if (count < 9) digits[count] = c;
                    count++;
                    i++;
                }
                else if (c is '.' or ' ' or '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && count is 2 or 3 or 4 or 6)
                {
                    i++;
                }
                else
                {
                    break;
                }
            }
            if (count == 9 && PassesElevenTest(digits)) return true;
        }
        return false;
    }

    /// <summary>True when the digit at <paramref name="index"/> is part of a longer run (a digit, or a separator after a digit, before it).</summary>
    private static bool ContinuesADigitRun(string text, int index) =>
        index > 0 && (char.IsAsciiDigit(text[index - 1]) || (text[index - 1] is '.' or ' ' or '-' && index > 1 && char.IsAsciiDigit(text[index - 2])));
}
