namespace NML.Matching.Api.Infrastructure.Email;

public static class EmailSetup
{
    /// <summary>
    /// The <c>Email</c> section (checked at start-up), the <see cref="Mailbox"/> that queues mails in the request's
    /// unit of work, and the <see cref="EmailSender"/>, a hosted service in every instance.
    /// </summary>
    public static WebApplicationBuilder AddMatchingEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailSettings>()
            .Bind(builder.Configuration.GetSection("Email"))
            .Validate(s => EmailAddresses.IsValid(s.Smtp.From), "Email:Smtp:From must be one e-mail address (local@domain).")
            .Validate(s => !string.IsNullOrWhiteSpace(s.Smtp.Host) && s.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Host and Email:Smtp:Port (1-65535) must be set.")
            .Validate(s => Enum.IsDefined(s.Smtp.Security), "Email:Smtp:Security must be None, StartTls or SslOnConnect.")
            .ValidateOnStart();
        builder.Services.AddScoped<Mailbox>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
        return builder;
    }
}
