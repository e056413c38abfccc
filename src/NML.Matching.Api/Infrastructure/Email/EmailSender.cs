using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Email;

/// <summary>
/// Sends the e-mail outbox over SMTP (MailKit), in every API instance at once. A pass claims up to
/// <see cref="EmailSettings.BatchSize"/> due mails with <c>FOR UPDATE SKIP LOCKED</c>, setting their
/// <c>locked_until</c> a lease ahead, and commits; then it sends them over one connection, outside any transaction,
/// and records each outcome. A failure backs off exponentially until <see cref="EmailSettings.MaxAttempts"/>, then
/// the mail is Failed and kept; a recipient the server refuses for good (5xx) fails at once. Nothing unsent is
/// deleted. Delivery is at least once: a mail whose sending succeeded but whose outcome was not recorded goes out
/// again with the same Message-ID, which lets the receiving server drop it (docs/decisions.md, D41).
/// </summary>
public sealed class EmailSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EmailSettings> options, ILogger<EmailSender> logger)
    : BackgroundService
{
    private const int MaxErrorLength = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending e-mail failed; trying again at the next tick");
            }
        }
    }

    /// <summary>One pass: claim what is due, send it, record the outcomes. Returns the mails claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var leaseUntil = now.AddSeconds(Math.Max(1, settings.LeaseSeconds));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var claimed = await ClaimAsync(db, now, leaseUntil, Math.Max(1, settings.BatchSize), cancellationToken);
        if (claimed.Count == 0) return 0;

        var unrecorded = new List<EmailMessage>(claimed);
        try
        {
            using var smtp = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, settings.Smtp.TimeoutSeconds)).TotalMilliseconds };
            Exception? connectFailure = null;
            try
            {
                await ConnectAsync(smtp, settings.Smtp, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                connectFailure = ex;
                logger.LogWarning("Cannot reach the SMTP server {Host}:{Port} ({Error}); {Count} mails wait", settings.Smtp.Host, settings.Smtp.Port, Describe(ex), claimed.Count);
            }

            foreach (var mail in claimed)
            {
                if (connectFailure is null && !MaySendWithin(leaseUntil, settings.Smtp)) break;
                var failure = connectFailure ?? await TrySendAsync(smtp, mail, settings.Smtp, cancellationToken);
                unrecorded.Remove(mail);
                if (failure is null) await RecordSentAsync(db, mail, cancellationToken);
                else await RecordFailureAsync(db, mail, failure, settings, cancellationToken);
                // A connection the server dropped is not tried again in this pass: the rest waits for the next one.
                if (connectFailure is null && !smtp.IsConnected) break;
            }
            if (smtp.IsConnected)
            {
                try { await smtp.DisconnectAsync(true, cancellationToken); }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { logger.LogDebug(ex, "QUIT failed"); }
            }
        }
        finally
        {
            // What was claimed but not tried is given back at once, not after the lease.
            if (unrecorded.Count > 0) await ReleaseAsync(db, unrecorded);
        }
        return claimed.Count;
    }

    private static async Task<List<EmailMessage>> ClaimAsync(MatchingDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.EmailOutbox
                .FromSql($"SELECT * FROM email_outbox WHERE status = 'Pending' AND next_attempt_at <= {now} AND (locked_until IS NULL OR locked_until <= {now}) ORDER BY next_attempt_at, id LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            foreach (var mail in rows) mail.LockedUntil = leaseUntil;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return rows;
        });
    }

    private static async Task ConnectAsync(SmtpClient smtp, SmtpSettings settings, CancellationToken cancellationToken)
    {
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
    }

    /// <summary>Whether one more mail can be sent before the lease ends, so that no other sender takes it over meanwhile.</summary>
    private bool MaySendWithin(DateTimeOffset leaseUntil, SmtpSettings settings) =>
        clock.GetUtcNow().AddSeconds(Math.Max(1, settings.TimeoutSeconds)) < leaseUntil;

    private async Task<Exception?> TrySendAsync(SmtpClient smtp, EmailMessage mail, SmtpSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var message = Compose(mail, settings);
            await smtp.SendAsync(message, cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Mail {Id} ({Kind}) was not sent: {Error}", mail.Id, mail.Kind, Describe(ex));
            return ex;
        }
    }

    /// <summary>The mail as it goes out: the same headers at every attempt (RFC 5322 §3.6), plain text with an optional HTML alternative.</summary>
    internal static MimeMessage Compose(EmailMessage mail, SmtpSettings settings)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            MessageId = mail.MessageId,
            Date = mail.CreatedAt,
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.ToAddress));
        // An automatic message (RFC 3834): vacation responders do not answer it. In Dutch (RFC 3282).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, "nl");
        return message;
    }

    private async Task RecordSentAsync(MatchingDbContext db, EmailMessage mail, CancellationToken cancellationToken)
    {
        var sentAt = clock.GetUtcNow();
        // The bodies go once sent: they may hold a one-time link, and the headers say enough about what was sent.
        await db.EmailOutbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, EmailStatus.Sent)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.TextBody, string.Empty)
            .SetProperty(m => m.HtmlBody, (string?)null), CancellationToken.None);
        logger.LogInformation("Mail {Id} ({Kind}) sent as <{MessageId}>", mail.Id, mail.Kind, mail.MessageId);
    }

    private async Task RecordFailureAsync(MatchingDbContext db, EmailMessage mail, Exception failure, EmailSettings settings, CancellationToken cancellationToken)
    {
        var attempts = mail.Attempts + 1;
        var givenUp = attempts >= settings.MaxAttempts || IsPermanent(failure);
        var next = clock.GetUtcNow() + Backoff(attempts, settings);
        var error = Describe(failure);
        // Only a mail still pending: a sender that took it over after the lease and sent it keeps its Sent.
        await db.EmailOutbox.Where(m => m.Id == mail.Id && m.Status == EmailStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, givenUp ? EmailStatus.Failed : EmailStatus.Pending)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, error), cancellationToken);
        if (givenUp)
        {
            logger.LogError("Mail {Id} ({Kind}) failed after {Attempts} attempts and is not tried again: {Error}", mail.Id, mail.Kind, attempts, error);
        }
    }

    private static async Task ReleaseAsync(MatchingDbContext db, List<EmailMessage> mails)
    {
        var ids = mails.Select(m => m.Id).ToList();
        await db.EmailOutbox.Where(m => ids.Contains(m.Id) && m.Status == EmailStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>A refusal of the recipient for good (a 5xx reply to RCPT TO): trying again cannot help.</summary>
    private static bool IsPermanent(Exception failure) =>
        failure is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused && (int)refused.StatusCode >= 500;

    /// <summary>The exception's type and message (the server's reply), shortened; MailKit puts no password in either.</summary>
    private static string Describe(Exception failure)
    {
        var text = failure is SmtpCommandException command
            ? $"{failure.GetType().Name} {(int)command.StatusCode}: {failure.Message}"
            : $"{failure.GetType().Name}: {failure.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    /// <summary>
    /// Exponential backoff with equal jitter: the n-th failure waits between half of and all of
    /// base · 2^(n−1) seconds, capped at the maximum, and at least one second. So each wait is at least as long as
    /// the one before, and senders that failed together do not come back together.
    /// </summary>
    internal static TimeSpan Backoff(int attempt, EmailSettings settings)
    {
        var ceiling = Math.Min(settings.MaxDelaySeconds, settings.BaseDelaySeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds(Math.Max(1, ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble()));
    }
}
