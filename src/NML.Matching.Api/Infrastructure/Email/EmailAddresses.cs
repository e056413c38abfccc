using MimeKit;

namespace NML.Matching.Api.Infrastructure.Email;

/// <summary>What the outbox accepts as an address: one bare addr-spec (<c>local@domain</c>, RFC 5322 §3.4.1), no display name.</summary>
public static class EmailAddresses
{
    /// <summary>The longest address the outbox stores (64 for the local part, 1 for the @, 255 for the domain).</summary>
    public const int MaxLength = 320;

    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && address.Length <= MaxLength
        && !address.Any(char.IsWhiteSpace)
        && MailboxAddress.TryParse(address, out var mailbox)
        && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.Address == address
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < address.Length - 1;
}
