using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NML.Matching.Api.Features.Imports;

/// <summary>The rows a confirmation may write, as the preview read them: one valid new row with its row number.</summary>
public sealed record ImportedRow<TRequest>(int Row, TRequest Request);

/// <summary>What the preview hands to the confirmation: whose it is, until when, how many rows were refused, and the rows to write.</summary>
public sealed record ImportPayload<TRequest>(Guid OrganisationId, DateTimeOffset Expires, string FileName, int RefusedRows, IReadOnlyList<ImportedRow<TRequest>> Rows);

/// <summary>
/// The state between an import's preview and its confirmation without server session state (docs/scaling.md, D50
/// "Import: the preview travels with the form"): the checked rows, compressed and encrypted with Data Protection (the
/// key ring is in the database, so any replica can read it), in a hidden field of the confirmation form. Only the
/// organisation that uploaded may confirm it, and only within <see cref="Lifetime"/>; a changed token does not decrypt.
/// Each kind of import has its own purpose, so that a waiting list's token cannot be confirmed as units or back.
/// </summary>
public sealed class ImportToken(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Purpose = "NML.Matching.Imports.Preview.v1";

    private IDataProtector Protector<TRequest>() => protection.CreateProtector(Purpose, typeof(TRequest).Name);

    public string Protect<TRequest>(ImportPayload<TRequest> payload)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, payload);
        return Base64UrlEncode(Protector<TRequest>().Protect(buffer.ToArray()));
    }

    /// <summary>The payload, or null when the token was changed, made with another key or for another import, or is not one.</summary>
    public ImportPayload<TRequest>? Unprotect<TRequest>(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        try
        {
            var bytes = Protector<TRequest>().Unprotect(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<ImportPayload<TRequest>>(gzip);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
