namespace NML.Matching.Api.Infrastructure.Email;

/// <summary>The <c>Email</c> section: how often and how persistently the outbox is sent (docs/operations.md).</summary>
public sealed class EmailSettings
{
    /// <summary>How often each instance looks for mails that are due.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>How many mails one pass claims and sends over one SMTP connection.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>After this many failed attempts a mail is Failed and no longer tried.</summary>
    public int MaxAttempts { get; set; } = 10;

    public int BaseDelaySeconds { get; set; } = 30;
    public int MaxDelaySeconds { get; set; } = 3600;

    /// <summary>How long a sender owns the mails it claimed before another may take them over.</summary>
    public int LeaseSeconds { get; set; } = 300;

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>How the connection to the SMTP server is secured (MailKit's <c>SecureSocketOptions</c>, three of them).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, no STARTTLS even when offered: only for a server on the same host or in tests.</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS, required (submission on port 587, RFC 6409).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (implicit TLS on port 465, RFC 8314).</summary>
    SslOnConnect = 2,
}

/// <summary>The <c>Email:Smtp</c> section: the server mails are handed to, and who they are from.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address (From and the envelope's MAIL FROM); its domain is also the right part of every Message-ID.</summary>
    public string From { get; set; } = "noreply@nml-matching.invalid";

    public string FromName { get; set; } = "Transfer- en Matchingspunt Noord- en Midden-Limburg";

    /// <summary>How long one SMTP operation (connect, a command, one mail) may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
