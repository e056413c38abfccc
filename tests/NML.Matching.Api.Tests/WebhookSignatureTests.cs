using NML.Matching.Api.Features.Webhooks;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The signature of a webhook delivery against the test vector of docs/webhooks.md ("A test vector"). The expected
/// value was computed outside the code, with <c>openssl dgst -sha256 -hmac</c> over <c>"{timestamp}.{body}"</c> as the
/// document describes, and is written here literally.
/// </summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef";
    private const long Timestamp = 1772442000;
    private const string Body = """{"id":"019cadbd-5e80-7000-8000-000000000001","type":"match.nominated","occurredAt":"2026-03-02T09:00:00+00:00","data":{"matchId":"019cadbd-5e80-7000-8000-000000000002","unitId":"019cadbd-5e80-7000-8000-000000000003","status":"Nominated","dueAt":"2026-03-16T09:00:00+00:00"}}""";
    private const string Signature = "sha256=05e40f26903fd0b65a55fab986caf447a831260863047ade7c2309f3ecaa5866";

    [Fact]
    public void TheDocumentedVectorSignsToTheDocumentedValue()
    {
        Assert.Equal(274, System.Text.Encoding.UTF8.GetByteCount(Body));
        Assert.Equal(Signature, WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void TheDocumentedVectorIsAccepted()
    {
        Assert.True(WebhookSignature.Verify(Secret, Timestamp, Body, Signature));
    }

    /// <summary>One byte changed in what is signed, or in the signature: the check refuses it.</summary>
    [Theory]
    [InlineData("body", "one character of an id")]
    [InlineData("body", "a line break at the end")]
    [InlineData("body", "the status")]
    [InlineData("timestamp", "one second later")]
    [InlineData("timestamp", "one second earlier")]
    [InlineData("secret", "the last character")]
    [InlineData("secret", "without the whsec_ prefix")]
    [InlineData("signature", "upper-case hex")]
    [InlineData("signature", "without the sha256= prefix")]
    [InlineData("signature", "the last hex digit")]
    [InlineData("signature", "empty")]
    public void AChangedDeliveryIsRefused(string part, string change)
    {
        var (secret, timestamp, body, signature) = (part, change) switch
        {
            ("body", "one character of an id") => (Secret, Timestamp, Body.Replace("000000000003", "000000000004", StringComparison.Ordinal), Signature),
            ("body", "a line break at the end") => (Secret, Timestamp, Body + "\n", Signature),
            ("body", "the status") => (Secret, Timestamp, Body.Replace("\"Nominated\"", "\"Accepted\"", StringComparison.Ordinal), Signature),
            ("timestamp", "one second later") => (Secret, Timestamp + 1, Body, Signature),
            ("timestamp", "one second earlier") => (Secret, Timestamp - 1, Body, Signature),
            ("secret", "the last character") => (Secret[..^1] + "e", Timestamp, Body, Signature),
            ("secret", "without the whsec_ prefix") => (Secret["whsec_".Length..], Timestamp, Body, Signature),
            ("signature", "upper-case hex") => (Secret, Timestamp, Body, "sha256=" + Signature["sha256=".Length..].ToUpperInvariant()),
            ("signature", "without the sha256= prefix") => (Secret, Timestamp, Body, Signature["sha256=".Length..]),
            ("signature", "the last hex digit") => (Secret, Timestamp, Body, Signature[..^1] + "7"),
            ("signature", "empty") => (Secret, Timestamp, Body, ""),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        Assert.True(secret != Secret || timestamp != Timestamp || body != Body || signature != Signature, "the case changes nothing");

        Assert.False(WebhookSignature.Verify(secret, timestamp, body, signature));
    }

    /// <summary>The vector in docs/webhooks.md is the one tested here, so receivers can rely on it.</summary>
    [Fact]
    public void TheDocumentShowsThisVector()
    {
        var doc = File.ReadAllText(Path.Combine(OpenApiContractTests.RepositoryRoot(), "docs", "webhooks.md"));

        Assert.Contains($"| secret | `{Secret}` |", doc, StringComparison.Ordinal);
        Assert.Contains($"| `X-NML-Timestamp` | `{Timestamp}` ", doc, StringComparison.Ordinal);
        Assert.Contains($"| body | `{Body}` |", doc, StringComparison.Ordinal);
        Assert.Contains($"| `X-NML-Signature` | `{Signature}` |", doc, StringComparison.Ordinal);
        Assert.Contains($"one line of {System.Text.Encoding.UTF8.GetByteCount(Body)} bytes", doc, StringComparison.Ordinal);
    }
}
