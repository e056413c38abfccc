using System.Security.Cryptography;
using System.Text;

namespace NML.Matching.Api.Features.Webhooks;

/// <summary>
/// The signature of a delivery: <c>X-NML-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>,
/// with the Unix timestamp in <c>X-NML-Timestamp</c>. Receivers recompute it and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(secret, timestamp, body)), Encoding.UTF8.GetBytes(signature));

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
