namespace NML.Matching.Api.Persistence.Records;

/// <summary>Where a mail in the outbox stands: waiting for its (next) attempt, sent, or given up.</summary>
public enum EmailStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// One mail in the e-mail outbox (<c>email_outbox</c>): written in the same unit of work as the change that causes
/// it (<c>Infrastructure/Email/Mailbox</c>), sent later by <c>EmailSender</c>. Its <see cref="MessageId"/> is made
/// once, when it is queued, and goes out with every attempt, so that a receiving server can drop a second copy
/// (docs/decisions.md, D41).
/// </summary>
public sealed class EmailMessage
{
    public Guid Id { get; set; }

    /// <summary>What kind of mail this is (the template's name, such as <c>invitation</c>): for logs and the operator.</summary>
    public string Kind { get; set; } = string.Empty;

    public string ToAddress { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;

    /// <summary>The plain-text body; emptied once the mail is sent (it may hold a one-time link).</summary>
    public string TextBody { get; set; } = string.Empty;

    /// <summary>The HTML alternative, if any; emptied once the mail is sent, like <see cref="TextBody"/>.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>The RFC 5322 Message-ID without its angle brackets (<c>id-left@id-right</c>); unique.</summary>
    public string MessageId { get; set; } = string.Empty;

    public EmailStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the next attempt may start (the backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when a sender that claimed the mail owns it; null when nobody does.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>What went wrong at the last attempt: the exception's type and the server's answer, never a password.</summary>
    public string? LastError { get; set; }
}
