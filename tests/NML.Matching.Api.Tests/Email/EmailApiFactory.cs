using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Infrastructure.Email;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Email;

/// <summary>
/// The API handing its mail to an <see cref="SmtpTestServer"/> of its own, with the background sender effectively
/// idle (tests run its passes) and short, known retry settings.
/// </summary>
public sealed class EmailApiFactory : ApiFactory, IAsyncLifetime
{
    public const string From = "matchingspunt@nml-matching.test";
    public const string FromName = "Transfer- en Matchingspunt Noord- en Midden-Limburg";
    public const int MaxAttempts = 3;
    public const int BaseDelaySeconds = 10;
    public const int MaxDelaySeconds = 600;
    public const int BatchSize = 5;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public EmailSender Sender => Services.GetRequiredService<EmailSender>();

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:IntervalSeconds", "86400");
        builder.UseSetting("Email:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:BaseDelaySeconds", BaseDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:MaxDelaySeconds", MaxDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:BatchSize", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:Smtp:From", From);
        builder.UseSetting("Email:Smtp:FromName", FromName);
        builder.UseSetting("Email:Smtp:TimeoutSeconds", "10");
    }

    /// <summary>Queues one mail through the <see cref="Mailbox"/> in a unit of work of its own, and commits it.</summary>
    public async Task<EmailMessage> QueueAsync(string to, string subject = "Uw uitnodiging", string text = "Welkom bij het matchingsportaal.", string? html = null, string kind = "test")
    {
        await using var scope = Services.CreateAsyncScope();
        var message = scope.ServiceProvider.GetRequiredService<Mailbox>().Queue(to, subject, text, html, kind);
        await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().SaveChangesAsync();
        return message;
    }

    /// <summary>The row as stored now, or null.</summary>
    public async Task<EmailMessage?> RowAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().EmailOutbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
    }

    /// <summary>Runs the sender's passes until one finds nothing due (at most 50).</summary>
    public async Task SendDueAsync(EmailSender? sender = null)
    {
        for (var pass = 0; pass < 50; pass++)
        {
            if (await (sender ?? Sender).RunOnceAsync(CancellationToken.None) == 0) return;
        }
        Assert.Fail("The sender still found mail due after 50 passes.");
    }
}
