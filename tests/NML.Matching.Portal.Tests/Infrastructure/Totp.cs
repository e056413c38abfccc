using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>
/// The codes an authenticator app shows, computed here from RFC 6238 (TOTP: HMAC-SHA1, 30-second steps, 6 digits)
/// and RFC 4226 §5.3 (dynamic truncation), from the Base32 key (RFC 4648 §6) the portal shows: independent of
/// Identity's own implementation, so that a test of the portal's code step checks it against the standard.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not the one of <paramref name="at"/>, nor of the steps next to it.</summary>
    public static string WrongCode(string base32Key, DateTimeOffset at)
    {
        var near = new[] { -60, -30, 0, 30, 60 }.Select(s => Code(base32Key, at.AddSeconds(s))).ToHashSet();
        for (var n = 0; ; n++)
        {
            var candidate = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!near.Contains(candidate)) return candidate;
        }
    }

    /// <summary>RFC 4648 §6 Base32 (A-Z, 2-7), ignoring spaces, lower case and padding.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException($"'{c}' is not Base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
