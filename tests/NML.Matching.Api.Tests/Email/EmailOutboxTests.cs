using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NML.Matching.Api.Infrastructure.Email;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Tests.Email;

/// <summary>
/// The e-mail outbox end to end: mails queued through the <see cref="Mailbox"/> in a unit of work, sent by the
/// <see cref="EmailSender"/> over SMTP to a real SMTP server in this process. Tests that stop the server or move
/// the clock run on an API, database, clock and SMTP server of their own.
/// </summary>
public sealed partial class EmailOutboxTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task AQueuedMailArrivesOnceWithItsHeadersAndDutchTextIntact()
    {
        const string to = "coordinator@corporatie.test";
        const string subject = "Uitnodiging voor het matchingsportaal: één klik en u bent binnen (ë, é)";
        const string text = "Beste collega,\n\nU bent uitgenodigd. Bevestig uw e-mailadres vóór vrijdag; daarna is de uitnodiging verlopen.\nHet ideeënbusje staat op https://portaal.nml-matching.test/uitnodiging\n";
        const string html = "<p>Beste collega,</p><p>U bent uitgenodigd. Bevestig uw e-mailadres vóór vrijdag (ideeën, café).</p>";
        var queuedAt = api.Clock.GetUtcNow();

        var queued = await api.QueueAsync(to, subject, text, html, "uitnodiging");
        await api.SendDueAsync();

        var mail = Assert.Single(api.Smtp.WithMessageId(queued.MessageId));
        // The envelope: MAIL FROM the configured sender, RCPT TO the one recipient (RFC 5321 §3.3).
        Assert.Equal(EmailApiFactory.From, mail.EnvelopeFrom);
        Assert.Equal([to], mail.EnvelopeTo);
        // RFC 5322 §3.6: the origination date and the originator are required; msg-id is "<" id-left "@" id-right ">".
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.From));
        Assert.Equal((EmailApiFactory.FromName, EmailApiFactory.From), (from.Name, from.Address));
        Assert.Equal(to, Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.To)).Address);
        Assert.Equal(subject, mail.Message.Subject);
        Assert.Matches(MsgId(), mail.RawMessageId!.Trim());
        Assert.EndsWith("@nml-matching.test>", mail.RawMessageId.Trim(), StringComparison.Ordinal);
        Assert.Equal(queuedAt, mail.Message.Date);
        Assert.Equal("auto-generated", mail.Message.Headers["Auto-Submitted"]);
        Assert.Equal(text, mail.Message.TextBody);
        Assert.Equal(html, mail.Message.HtmlBody);
        // Both bodies declare their charset as UTF-8 (RFC 2045 §5.1), so é and ë read back as written.
        Assert.Equal(2, mail.Message.BodyParts.OfType<TextPart>().Count());
        Assert.All(mail.Message.BodyParts.OfType<TextPart>(), part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));

        var row = await api.RowAsync(queued.Id);
        Assert.Equal((EmailStatus.Sent, 1, api.Clock.GetUtcNow()), (row!.Status, row.Attempts, row.SentAt));
        Assert.Equal((string.Empty, (string?)null), (row.TextBody, row.HtmlBody));
        await api.SendDueAsync();
        Assert.Single(api.Smtp.WithMessageId(queued.MessageId));
    }

    [Fact]
    public async Task AMailQueuedInATransactionThatRollsBackIsNeverSent()
    {
        var rolledBack = await QueueInTransactionAsync("teruggedraaid@zorg.test", commit: false);
        // The positive control: the same steps, committed, do send.
        var committed = await QueueInTransactionAsync("vastgelegd@zorg.test", commit: true);

        await api.SendDueAsync();

        Assert.Single(api.Smtp.WithMessageId(committed.MessageId));
        Assert.Empty(api.Smtp.WithMessageId(rolledBack.MessageId));
        Assert.DoesNotContain(api.Smtp.Received, m => m.EnvelopeTo.Contains("teruggedraaid@zorg.test"));
        Assert.Null(await api.RowAsync(rolledBack.Id));
    }

    [Fact]
    public async Task WhileTheSmtpServerIsAwayAMailWaitsAndBacksOffThenArrivesOnce()
    {
        var own = new EmailApiFactory();
        try
        {
            await own.InitializeAsync();
            var queued = await own.QueueAsync("wachtend@corporatie.test");
            await own.Smtp.StopAsync();

            var previousDelay = TimeSpan.Zero;
            for (var attempt = 1; attempt < EmailApiFactory.MaxAttempts; attempt++)
            {
                var before = own.Clock.GetUtcNow();
                Assert.Equal(1, await own.Sender.RunOnceAsync(CancellationToken.None));
                var row = (await own.RowAsync(queued.Id))!;
                Assert.Equal((EmailStatus.Pending, attempt, (DateTimeOffset?)null), (row.Status, row.Attempts, row.LockedUntil));
                Assert.False(string.IsNullOrEmpty(row.LastError));
                Assert.Equal(queued.TextBody, row.TextBody);
                // docs/operations.md: the n-th failure waits between half of and all of BaseDelaySeconds · 2^(n−1).
                var delay = row.NextAttemptAt - before;
                var ceiling = TimeSpan.FromSeconds(EmailApiFactory.BaseDelaySeconds * Math.Pow(2, attempt - 1));
                Assert.InRange(delay, ceiling / 2, ceiling);
                Assert.True(delay >= previousDelay, $"attempt {attempt} waits {delay}, less than the {previousDelay} before it");
                previousDelay = delay;
                // Not due yet: a pass now leaves it alone.
                Assert.Equal(0, await own.Sender.RunOnceAsync(CancellationToken.None));
                own.Clock.Advance(delay);
            }
            Assert.Empty(own.Smtp.Received);

            await own.Smtp.RestartAsync();
            await own.SendDueAsync();
            await own.SendDueAsync();

            var mail = Assert.Single(own.Smtp.Received);
            Assert.Equal(queued.MessageId, mail.Message.MessageId);
            var sent = (await own.RowAsync(queued.Id))!;
            Assert.Equal((EmailStatus.Sent, EmailApiFactory.MaxAttempts, (string?)null), (sent.Status, sent.Attempts, sent.LastError));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task AfterTheMaximumAttemptsAMailIsFailedAndNotTriedAgain()
    {
        var own = new EmailApiFactory();
        try
        {
            await own.InitializeAsync();
            var queued = await own.QueueAsync("opgegeven@corporatie.test");
            await own.Smtp.StopAsync();
            for (var attempt = 1; attempt <= EmailApiFactory.MaxAttempts; attempt++)
            {
                Assert.Equal(1, await own.Sender.RunOnceAsync(CancellationToken.None));
                own.Clock.Advance(TimeSpan.FromSeconds(EmailApiFactory.MaxDelaySeconds + 1));
            }
            var failed = (await own.RowAsync(queued.Id))!;
            Assert.Equal((EmailStatus.Failed, EmailApiFactory.MaxAttempts, (DateTimeOffset?)null), (failed.Status, failed.Attempts, failed.SentAt));
            Assert.False(string.IsNullOrEmpty(failed.LastError));

            // The server is back and a new mail goes out (the positive control); the failed one stays as it was.
            await own.Smtp.RestartAsync();
            own.Clock.Advance(TimeSpan.FromDays(1));
            var control = await own.QueueAsync("nieuw@corporatie.test");
            await own.SendDueAsync();

            Assert.Single(own.Smtp.WithMessageId(control.MessageId));
            Assert.Empty(own.Smtp.WithMessageId(queued.MessageId));
            var after = (await own.RowAsync(queued.Id))!;
            Assert.Equal((EmailStatus.Failed, EmailApiFactory.MaxAttempts, queued.TextBody), (after.Status, after.Attempts, after.TextBody));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task AMailHeldByASenderThatDiedIsSentOnceItsLeaseHasEnded()
    {
        var own = new EmailApiFactory();
        try
        {
            await own.InitializeAsync();
            var queued = await own.QueueAsync("overgenomen@corporatie.test");
            // Another instance claimed it (as a pass does) and died before it recorded anything.
            var leaseEnds = own.Clock.GetUtcNow().AddMinutes(5);
            await using (var scope = own.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().EmailOutbox.Where(m => m.Id == queued.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnds));
            }

            Assert.Equal(0, await own.Sender.RunOnceAsync(CancellationToken.None));
            own.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await own.Sender.RunOnceAsync(CancellationToken.None));
            Assert.Empty(own.Smtp.Received);

            own.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await own.Sender.RunOnceAsync(CancellationToken.None));

            Assert.Single(own.Smtp.WithMessageId(queued.MessageId));
            Assert.Equal(EmailStatus.Sent, (await own.RowAsync(queued.Id))!.Status);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoSendersDeliverEachOfTwentyMailsExactlyOnce()
    {
        var queued = new List<EmailMessage>();
        for (var i = 0; i < 20; i++) queued.Add(await api.QueueAsync($"ontvanger{i}@gemeente.test", $"Bericht {i}"));
        var first = api.Sender;
        var second = ActivatorUtilities.CreateInstance<EmailSender>(api.Services);

        for (var round = 0; round < 10; round++)
        {
            var claimed = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
            if (claimed.Sum() == 0) break;
        }

        Assert.NotEmpty(queued);
        Assert.All(queued, q => Assert.Single(api.Smtp.WithMessageId(q.MessageId)));
        foreach (var q in queued) Assert.Equal((EmailStatus.Sent, 1), ((await api.RowAsync(q.Id))!.Status, (await api.RowAsync(q.Id))!.Attempts));
    }

    [Fact]
    public async Task ARecipientTheServerRefusesForGoodFailsAtOnce()
    {
        var refused = await api.QueueAsync($"{SmtpTestServer.RefusedLocalPart}@corporatie.test");
        var control = await api.QueueAsync("bestaat-wel@corporatie.test");

        await api.SendDueAsync();

        var row = (await api.RowAsync(refused.Id))!;
        Assert.Equal((EmailStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Empty(api.Smtp.WithMessageId(refused.MessageId));
        // The same connection went on with the next mail.
        Assert.Single(api.Smtp.WithMessageId(control.MessageId));
    }

    [Fact]
    public async Task AMailThatCarriesABsnIsRefusedWhenQueued()
    {
        // 111222333 passes the eleven-test (9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66, a multiple of 11).
        await using var scope = api.Services.CreateAsyncScope();
        var mailbox = scope.ServiceProvider.GetRequiredService<Mailbox>();

        Assert.Throws<ArgumentException>(() => mailbox.Queue("bsn@zorg.test", "Cliënt 111222333", "Tekst", null, "test"));
        Assert.Throws<ArgumentException>(() => mailbox.Queue("bsn@zorg.test", "Onderwerp", "Over BSN 1112.22.333 hierbij", null, "test"));
        Assert.Throws<ArgumentException>(() => mailbox.Queue("bsn@zorg.test", "Onderwerp", "Tekst", "<p>111 222 333</p>", "test"));
        // A link may hold nine digits (an id, a token): that is not a BSN in the text.
        var withLink = mailbox.Queue("bsn@zorg.test", "Onderwerp", "Ga naar https://portaal.nml-matching.test/u/111222333 om verder te gaan.", null, "test");
        Assert.Equal(EmailStatus.Pending, withLink.Status);
    }

    [Theory]
    [InlineData("geen-apenstaartje")]
    [InlineData("Naam <naam@zorg.test>")]
    [InlineData("twee@zorg.test, drie@zorg.test")]
    [InlineData("regel@zorg.test\r\nBcc: iemand@elders.test")]
    [InlineData("@zorg.test")]
    [InlineData("naam@")]
    public async Task AnAddressThatIsNotOneBareAddressIsRefused(string to)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var mailbox = scope.ServiceProvider.GetRequiredService<Mailbox>();

        Assert.Throws<ArgumentException>(() => mailbox.Queue(to, "Onderwerp", "Tekst", null, "test"));
        Assert.True(EmailAddresses.IsValid("naam@zorg.test"));
    }

    /// <summary>Queues a mail in an explicit transaction (inside the execution strategy, as a use case must) and commits or rolls it back.</summary>
    private async Task<EmailMessage> QueueInTransactionAsync(string to, bool commit)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var mailbox = scope.ServiceProvider.GetRequiredService<Mailbox>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var message = mailbox.Queue(to, "Bericht", "Deze mail komt alleen aan als de transactie slaagt.", null, "test");
            await db.SaveChangesAsync();
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
            return message;
        });
    }

    [GeneratedRegex(@"^<[^<>@\s]+@[^<>@\s]+>$")]
    private static partial Regex MsgId();
}
