using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Infrastructure.Email;

/// <summary>
/// Queues a mail in the e-mail outbox of the request's unit of work: the row is written by the caller's own
/// <c>SaveChangesAsync</c>, together with the change that causes the mail, or not at all. It never talks to an SMTP
/// server; <see cref="EmailSender"/> does, later. Scoped, like the <see cref="MatchingDbContext"/> it adds to.
/// </summary>
public sealed partial class Mailbox(MatchingDbContext db, TimeProvider clock, IOptions<EmailSettings> options)
{
    public const int MaxSubjectLength = 300;

    /// <summary>
    /// Adds a pending mail to the unit of work and returns it (with its Message-ID). The texts are the caller's,
    /// in Dutch; they carry no personal details of a client. A subject or body that holds a likely BSN outside its
    /// links is refused, as is an address that is not one bare <c>local@domain</c>: both are the caller's mistake.
    /// </summary>
    public EmailMessage Queue(string to, string subject, string textBody, string? htmlBody, string kind)
    {
        if (!EmailAddresses.IsValid(to)) throw new ArgumentException("The recipient is not one valid e-mail address.", nameof(to));
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            throw new ArgumentException($"A subject is one line of 1-{MaxSubjectLength} characters.", nameof(subject));
        }
        if (string.IsNullOrWhiteSpace(textBody)) throw new ArgumentException("A mail needs a plain-text body.", nameof(textBody));
        if (string.IsNullOrWhiteSpace(kind) || kind.Length > 64) throw new ArgumentException("A mail needs a kind of 1-64 characters.", nameof(kind));
        if (HoldsBsn(subject) || HoldsBsn(textBody) || HoldsBsn(htmlBody))
        {
            throw new ArgumentException("A mail may not carry a BSN (docs/operations.md, E-mail).");
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var message = new EmailMessage
        {
            Id = id,
            Kind = kind,
            ToAddress = to,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            MessageId = MessageIdFor(id, options.Value.Smtp.From),
            Status = EmailStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.EmailOutbox.Add(message);
        return message;
    }

    /// <summary>RFC 5322 §3.6.4 <c>id-left "@" id-right</c>: the mail's own id, at the sender's domain.</summary>
    internal static string MessageIdFor(Guid id, string from)
    {
        var at = from.LastIndexOf('@');
        var domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..] : "nml-matching.invalid";
        return $"{id:N}@{domain}";
    }

    /// <summary>A likely BSN in the text once its links are left out (an id in a link can look like nine digits).</summary>
    private static bool HoldsBsn(string? text) => text is not null && Bsn.ContainsLikelyBsn(Link().Replace(text, " "));

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
