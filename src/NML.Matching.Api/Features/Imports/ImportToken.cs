using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using NML.Matching.Api.Features.Candidates;

namespace NML.Matching.Api.Features.Imports;

/// <summary>The rows a confirmation may write, as the preview read them: one valid new row with its row number.</summary>
public sealed record ImportedRow(int Row, CandidateRequest Request);

/// <summary>What the preview hands to the confirmation: whose it is, until when, how many rows were refused, and the rows to write.</summary>
public sealed record ImportPayload(Guid OrganisationId, DateTimeOffset Expires, string FileName, int RefusedRows, IReadOnlyList<ImportedRow> Rows);

/// <summary>
/// The state between an import's preview and its confirmation without server session state (docs/scaling.md, D-NEXT
/// "Import: the preview travels with the form"): the checked rows, compressed and encrypted with Data Protection (the
/// key ring is in the database, so any replica can read it), in a hidden field of the confirmation form. Only the
/// organisation that uploaded may confirm it, and only within <see cref="Lifetime"/>; a changed token does not decrypt.
/// </summary>
public sealed class ImportToken(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("NML.Matching.Imports.Preview.v1");

    public string Protect(ImportPayload payload)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, payload);
        return Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The payload, or null when the token was changed, made with another key, or is not one.</summary>
    public ImportPayload? Unprotect(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        try
        {
            var bytes = _protector.Unprotect(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<ImportPayload>(gzip);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
